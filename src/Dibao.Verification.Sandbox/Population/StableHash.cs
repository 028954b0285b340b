namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// FNV-1a over the seed and the key, finished with the SplitMix64 mixer. string.GetHashCode is
/// randomized per process, and the population must be the same in every process and on every machine.
/// </summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(long seed, string key, string purpose)
    {
        var hash = OffsetBasis;
        hash = Add(hash, unchecked((ulong)seed));
        hash = Add(hash, key);
        hash = Add(hash, '\u0001');
        hash = Add(hash, purpose);
        return Mix(hash);
    }

    public static ulong Of(long seed, string key, long number)
    {
        var hash = Add(Add(OffsetBasis, unchecked((ulong)seed)), key);
        return Mix(Add(hash, unchecked((ulong)number)));
    }

    public static DeterministicRandom Stream(long seed, string key, string purpose) => new(Of(seed, key, purpose));

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = Add(hash, c);
        }

        return hash;
    }

    private static ulong Add(ulong hash, char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        return (hash ^ (byte)(c >> 8)) * Prime;
    }

    private static ulong Add(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (8 * i))) * Prime;
        }

        return hash;
    }
}
