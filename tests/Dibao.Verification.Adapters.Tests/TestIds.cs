using System.Globalization;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>Distinct, valid resident identity numbers (with a correct check character) for stubs.</summary>
internal static class TestIds
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static string Make(int n)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(n / 1000);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"220105{birth:yyyyMMdd}{n % 1000:000}");
        var sum = first17.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    public static string[] Many(int count) => Enumerable.Range(0, count).Select(Make).ToArray();
}
