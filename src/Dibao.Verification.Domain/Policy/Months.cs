namespace Dibao.Verification.Domain.Policy;

internal static class Months
{
    public static DateOnly Of(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>Whole months from <paramref name="earlier"/> to <paramref name="later"/>; negative when reversed.</summary>
    public static int Between(DateOnly earlier, DateOnly later) => ((later.Year - earlier.Year) * 12) + later.Month - earlier.Month;
}
