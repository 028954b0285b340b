using System.Globalization;
using Dibao.Verification.Adapters.Common;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>A span of whole months the bureau is asked about in one request: at most <see cref="TaxAdapter.WindowMaximumMonths"/>.</summary>
/// <param name="FromMonth">Day 1 of the first month.</param>
/// <param name="ToMonth">Day 1 of the last month.</param>
internal sealed record TaxWindow(DateOnly FromMonth, DateOnly ToMonth)
{
    public string From => FromMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string To => ToMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public bool Contains(DateOnly month) => month >= FromMonth && month <= ToMonth;

    /// <summary>The question's window in consecutive pieces the bureau accepts, oldest first.</summary>
    public static IReadOnlyList<TaxWindow> Split(DateOnly fromMonth, DateOnly toMonth)
    {
        var first = new DateOnly(fromMonth.Year, fromMonth.Month, 1);
        var last = new DateOnly(toMonth.Year, toMonth.Month, 1);
        if (last < first)
        {
            throw new AgencyRejectedException(QueryRefusalCodes.UnaskableQuestion, $"The question to {TaxAdapter.Code} has an income window that ends before it starts.");
        }

        var pieces = new List<TaxWindow>();
        for (var start = first; start <= last; start = start.AddMonths(TaxAdapter.WindowMaximumMonths))
        {
            var end = start.AddMonths(TaxAdapter.WindowMaximumMonths - 1);
            pieces.Add(new TaxWindow(start, end < last ? end : last));
        }

        return pieces;
    }
}
