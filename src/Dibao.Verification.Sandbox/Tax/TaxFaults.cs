namespace Dibao.Verification.Sandbox.Tax;

/// <summary>
/// The tax bureau's own faults, on top of the generic ones, all off by default. Tests flip them while the
/// server runs (<c>server.Faults.Tax()</c>), and request threads read them concurrently.
/// </summary>
public sealed class TaxFaults
{
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromMinutes(10);

    public const int DefaultTokensPerMinute = 60;

    private long _tokenLifetimeTicks = DefaultTokenLifetime.Ticks;
    private int _tokensPerMinute = DefaultTokensPerMinute;
    private int _throttleTokens;
    private int _generation;

    /// <summary>The <c>expires_in</c> of tokens issued from now on; make it short to see tokens lapse during a run.</summary>
    public TimeSpan TokenLifetime
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _tokenLifetimeTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromSeconds(1));
            Volatile.Write(ref _tokenLifetimeTicks, value.Ticks);
        }
    }

    /// <summary>The bureau's ration: more tokens than this within a minute are answered 429.</summary>
    public int TokensPerMinute
    {
        get => Volatile.Read(ref _tokensPerMinute);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _tokensPerMinute, value);
        }
    }

    /// <summary>Every token request is answered 429 with Retry-After: 1, as if the ration were spent.</summary>
    public bool ThrottleTokenRequests
    {
        get => Volatile.Read(ref _throttleTokens) != 0;
        set => Volatile.Write(ref _throttleTokens, value ? 1 : 0);
    }

    /// <summary>Every token issued so far is answered 401 TOKEN_EXPIRED from now on; tokens issued later are good.</summary>
    public void ExpireIssuedTokens() => Interlocked.Increment(ref _generation);

    /// <summary>Back to a healthy bureau.</summary>
    public void Clear()
    {
        TokenLifetime = DefaultTokenLifetime;
        TokensPerMinute = DefaultTokensPerMinute;
        ThrottleTokenRequests = false;
    }

    /// <summary>Tokens issued in an earlier generation than the current one were expired by <see cref="ExpireIssuedTokens"/>.</summary>
    internal int Generation => Volatile.Read(ref _generation);
}
