namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// A SplitMix64 sequence. Each kind of fact draws from its own stream so that adding a draw for
/// one agency never shifts the facts another agency already serves.
/// </summary>
internal struct DeterministicRandom(ulong state)
{
    private ulong _state = state;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return StableHash.Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + (int)(NextUInt64() % (ulong)(maxExclusive - min));

    public int Next(int maxExclusive) => Next(0, maxExclusive);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Whole yuan in [minYuan, maxYuan], rounded to <paramref name="stepYuan"/>, as fen.</summary>
    public long Yuan(int minYuan, int maxYuan, int stepYuan = 1) =>
        (long)(minYuan + (Next((maxYuan - minYuan) / stepYuan + 1) * stepYuan)) * 100;

    /// <summary>Fen in [minFen, maxFen].</summary>
    public long Fen(long minFen, long maxFen) => minFen + (long)(NextUInt64() % (ulong)(maxFen - minFen + 1));
}
