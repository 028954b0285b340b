using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// The reference policy's income test worked out by hand from what the simulators know, independently
/// of the hub's rules, for the two agencies of the foundation (standard 800.00 in 长春市 2201, housing-fund
/// base counted only when no social-security employment is open, resident pensions not counted).
/// </summary>
public sealed class IncomeOracle(SyntheticPopulation population)
{
    public const decimal Standard = 800.00m;

    /// <param name="withHousingFund">False: what social security alone proves, as when the fund centre never answers.</param>
    public decimal PerCapitaMonthlyIncome(SyntheticHousehold household, DateOnly asOf, bool withHousingFund = true)
    {
        // The housing fund centre answers about today; the social security bureau about the asked date.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var total = 0m;
        foreach (var member in household.Members)
        {
            var person = population.Describe(member.IdNumber, asOf);
            var openEmployments = person.Employments.Where(e => e.To is null || e.To.Value >= month).ToList();
            var housingFund = withHousingFund
                ? population.Describe(member.IdNumber, today).HousingFundAccounts
                    .Where(a => a.Status == "normal" && a.LastDepositMonth is { } last && MonthsBetween(last, month) <= 3)
                    .ToList()
                : [];
            total += openEmployments.Count > 0 ? openEmployments.Max(e => e.ContributionBase)
                : housingFund.Count > 0 ? housingFund.Max(a => a.DepositBase)
                : 0m;
            total += person.Pensions.Where(p => p.Status == "paying" && p.Scheme != "urban-rural-resident").Sum(p => p.MonthlyAmount);
            if (person.UnemploymentBenefit is { } benefit && benefit.From <= month && benefit.To >= month)
            {
                total += benefit.MonthlyAmount;
            }
        }

        return Math.Round(total / household.Members.Count, 2, MidpointRounding.AwayFromZero);
    }

    public string Outcome(SyntheticHousehold household, DateOnly asOf) =>
        PerCapitaMonthlyIncome(household, asOf) > Standard ? "fail" : "pass";

    private static int MonthsBetween(DateOnly earlier, DateOnly later) => (later.Year - earlier.Year) * 12 + later.Month - earlier.Month;
}
