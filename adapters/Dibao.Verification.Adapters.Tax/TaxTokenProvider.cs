using System.Net;
using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>
/// The one bearer token all requests to the bureau share. The bureau throttles a token per request, so the
/// token is cached until shortly before it expires, and one caller at a time fetches while the others wait
/// for its token instead of asking for their own.
/// </summary>
internal sealed class TaxTokenProvider(
    IServiceProvider services,
    IOptionsMonitor<TaxClientCredentials> credentials,
    TimeProvider time,
    ILogger<TaxTokenProvider> logger) : IDisposable
{
    private static readonly TimeSpan LongestRenewalMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private AccessToken? _current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _current)) is { } cached)
        {
            return cached;
        }

        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Usable(_current) ?? await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>
    /// A token to replace <paramref name="expired"/>, which the bureau answered TOKEN_EXPIRED to. When several
    /// requests hit the expiry together, only the first fetches; the others get the token it fetched.
    /// </summary>
    public async ValueTask<string> RenewAsync(string expired, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _current is { } current && current.Value != expired && Usable(current) is { } renewed
                ? renewed
                : await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private string? Usable(AccessToken? token) => token is not null && time.GetUtcNow() < token.RenewAfter ? token.Value : null;

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        var client = credentials.Get(TaxAdapter.Code);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId!,
            ["client_secret"] = client.ClientSecret!,
        };

        var api = services.GetRequiredService<ITaxTokenApi>();
        using var response = await api.RequestTokenAsync(form, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw AgencyResponses.Failure(TaxAdapter.Code, response, "the token request");
        }

        if (response.Content is not { AccessToken.Length: > 0, ExpiresIn: > 0 } token
            || !string.Equals(token.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw WireFormat.Unreadable($"{TaxAdapter.Code} answered the token request with a body that is not a bearer token.");
        }

        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn);
        var margin = TimeSpan.FromTicks(Math.Min(LongestRenewalMargin.Ticks, lifetime.Ticks / 10));
        var fetched = new AccessToken(token.AccessToken, time.GetUtcNow() + lifetime - margin);
        Volatile.Write(ref _current, fetched);
        logger.LogInformation("{Agency} issued an access token valid for {Lifetime}", TaxAdapter.Code, lifetime);
        return fetched.Value;
    }
}
