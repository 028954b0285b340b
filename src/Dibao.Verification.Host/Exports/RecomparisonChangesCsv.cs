using System.Globalization;
using Dibao.Verification.Host.Recomparison;

namespace Dibao.Verification.Host.Exports;

/// <summary>A page of a run's changes as a spreadsheet; no identity number or name, as in every export.</summary>
public static class RecomparisonChangesCsv
{
    private static readonly string[] Header =
        ["township", "household_ref", "proposal", "confirmed_per_capita_monthly_income", "new_per_capita_monthly_income", "case_id", "compared_at"];

    public static async Task WriteAsync(RecomparisonChangePage changes, TextWriter output)
    {
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(Header);
        foreach (var change in changes.Items)
        {
            await csv.WriteRowAsync(
                change.Township,
                change.Ref,
                change.Proposal,
                change.ConfirmedPerCapitaMonthlyIncome?.ToString("0.00", CultureInfo.InvariantCulture),
                change.NewPerCapitaMonthlyIncome?.ToString("0.00", CultureInfo.InvariantCulture),
                change.CaseId?.ToString(),
                change.ComparedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    }
}
