using System.Globalization;
using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Exports;

/// <summary>
/// A batch's results as a spreadsheet: one row per household with its automated outcome, per-capita figures and reason
/// codes, and the confirmed outcome once the city has signed. No identity number or name: the case view shows those to
/// those who need them.
/// </summary>
public static class BatchResultsCsv
{
    /// <summary>The columns of every results export, the workbook's too.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["household_ref", "members", "outcome", "per_capita_monthly_income", "per_capita_financial_assets", "reasons", "evaluated_at", "case_state", "final_outcome"];

    public static async Task WriteAsync(BatchView batch, TextWriter output)
    {
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(Header);
        foreach (var row in Rows(batch))
        {
            await csv.WriteRowAsync(row);
        }
    }

    /// <summary>One row of cells per household, under <see cref="Header"/>.</summary>
    public static IEnumerable<string?[]> Rows(BatchView batch) =>
        batch.Households.Select(household =>
        {
            var verification = household.Verification;
            return new[]
            {
                household.Ref,
                household.Members.ToString(CultureInfo.InvariantCulture),
                verification.Outcome,
                verification.PerCapitaMonthlyIncome?.ToString("0.00", CultureInfo.InvariantCulture),
                verification.PerCapitaFinancialAssets?.ToString("0.00", CultureInfo.InvariantCulture),
                string.Join(' ', verification.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal)),
                verification.EvaluatedAt?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                household.State,
                household.Final?.Outcome,
            };
        });
}
