using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Tax.Wire;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Tax;

internal static class TaxTranslator
{
    private const string Agency = TaxAdapter.Code;

    public static PersonFinding ToFinding(string idNumber, IEnumerable<TaxedIncomeFact> income) =>
        PersonFindings.FromFacts(idNumber, new PersonFacts
        {
            TaxedIncome = income.OrderBy(f => f.Period).ToList(),
        });

    /// <summary>A record for a month the bureau was not asked about means the answer is not the one asked for.</summary>
    public static TaxedIncomeFact ToFact(IncomeRecordWire record, TaxWindow window)
    {
        var period = WireFormat.Month(record.Period, "yyyyMM", Agency, "income period");
        if (!window.Contains(period))
        {
            throw WireFormat.Unreadable($"{Agency} answered with an income period outside the months asked about.");
        }

        return new TaxedIncomeFact(
            period,
            record.Category switch
            {
                "wages" => IncomeCategory.Wages,
                "labor-remuneration" => IncomeCategory.LaborRemuneration,
                "business" => IncomeCategory.Business,
                "interest-dividend" => IncomeCategory.InterestDividend,
                "property-lease" => IncomeCategory.PropertyLease,
                _ => throw WireFormat.UnknownCode(Agency, "income category", record.Category),
            },
            WireFormat.Descriptive(record.Payer),
            Yuan(record.GrossFen, "gross income"),
            Yuan(record.TaxFen, "tax"));
    }

    private static decimal Yuan(long fen, string field) =>
        fen >= 0 ? decimal.Divide(fen, 100m) : throw WireFormat.Unreadable($"{Agency} sent a negative {field} amount.");
}
