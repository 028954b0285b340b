namespace Dibao.Verification.Sandbox.Population;

internal static class Money
{
    /// <summary>
    /// Yuan with exactly two decimals: the scale survives into JSON, so 4200 fen×100 is written
    /// 4200.00 as the agencies write it, not 4200.
    /// </summary>
    public static decimal Yuan(long fen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fen);
        return new decimal(unchecked((int)(fen & 0xFFFFFFFF)), unchecked((int)(fen >> 32)), 0, false, 2);
    }
}
