namespace Dibao.Verification.Domain.Policy;

/// <summary>The whole calendar months before the month of the verification date whose income is averaged.</summary>
/// <param name="FromMonth">Day 1 of the first month.</param>
/// <param name="ToMonth">Day 1 of the last month.</param>
public sealed record IncomeWindow(DateOnly FromMonth, DateOnly ToMonth, int Months)
{
    public static IncomeWindow Before(DateOnly asOf, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var monthOfAsOf = new DateOnly(asOf.Year, asOf.Month, 1);
        return new IncomeWindow(monthOfAsOf.AddMonths(-months), monthOfAsOf.AddMonths(-1), months);
    }

    /// <summary>The window from one month to another, both counted, as a question asked it.</summary>
    public static IncomeWindow Of(DateOnly fromMonth, DateOnly toMonth)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromMonth, toMonth);
        return new IncomeWindow(Policy.Months.Of(fromMonth), Policy.Months.Of(toMonth), Policy.Months.Between(fromMonth, toMonth) + 1);
    }

    public bool Contains(DateOnly month) => month >= FromMonth && month <= ToMonth;

    /// <summary>Whether every month of <paramref name="other"/> is in this window.</summary>
    public bool Covers(IncomeWindow other) => FromMonth <= other.FromMonth && ToMonth >= other.ToMonth;
}
