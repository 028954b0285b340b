using System.Globalization;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// Taxed income other than wages in the window (labour remuneration, business, interest and dividends, leases), averaged;
/// unknown when the tax bureau was asked about a shorter window than the policy's (<see cref="IncomeWindowRule"/>).
/// </summary>
public static class OtherTaxedIncomeRule
{
    public const string Kind = "其他应税收入";

    public static IncomePart? Estimate(MemberEvidence member, PolicyParameters parameters, DateOnly asOf)
    {
        var window = IncomeWindow.Before(asOf, parameters.IncomeLookbackMonths);
        switch (member.Knows(AgencyCodes.Tax, window))
        {
            case null:
                return null;
            case false:
                return IncomePart.Unknown(member.IdNumber, Kind, AgencyCodes.Tax);
        }

        var records = member.From(AgencyCodes.Tax)
            .SelectMany(a => a.Facts.TaxedIncome)
            .Where(r => r.Category != IncomeCategory.Wages && window.Contains(r.Period))
            .ToList();
        if (records.Count == 0)
        {
            return null;
        }

        var total = records.Sum(r => r.Gross);
        var detail = string.Join("；", records.GroupBy(r => r.Category).Select(g => string.Create(CultureInfo.InvariantCulture, $"{CategoryName(g.Key)}{g.Sum(r => r.Gross):0.00}元")));
        return new IncomePart(member.IdNumber, Kind, total / parameters.IncomeLookbackMonths, true, AgencyCodes.Tax, string.Create(CultureInfo.InvariantCulture,
            $"{window.FromMonth:yyyy-MM}至{window.ToMonth:yyyy-MM} {detail}，合计{total:0.00}元÷{parameters.IncomeLookbackMonths}"));
    }

    private static string CategoryName(IncomeCategory category) => category switch
    {
        IncomeCategory.LaborRemuneration => "劳务报酬",
        IncomeCategory.Business => "经营所得",
        IncomeCategory.InterestDividend => "利息股息红利",
        IncomeCategory.PropertyLease => "财产租赁",
        _ => "工资薪金",
    };
}
