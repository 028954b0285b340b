using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// The reference policy worked out by hand from what the simulators know, independently of the hub's
/// rules, for the agencies a hub asks (长春市 2201: standard 800.00, assets limit 24 × 800.00, capital limit
/// 10 万元, housing fund counted within 3 months, resident pensions not counted).
/// </summary>
/// <param name="agencies">The agency codes the hub asks; a fact no asked agency holds cannot count.</param>
public sealed class PolicyOracle(SyntheticPopulation population, IReadOnlyCollection<string> agencies)
{
    public const decimal Standard = 800.00m;
    private const decimal AssetLimit = 24 * Standard;
    private const decimal CapitalLimitWan = 10m;

    private static readonly HashSet<string> FailCodes =
        [ReasonCodes.IncomeAboveStandard, ReasonCodes.FinancialAssetsAboveLimit, ReasonCodes.VehicleOwned, ReasonCodes.BusinessOwned];

    private bool Asks(string agency) => agencies.Contains(agency);

    /// <param name="down">An agency that never answers: its facts are unknown and the household cannot pass.</param>
    /// <param name="lookbackMonths">The policy's <c>incomeLookbackMonths</c>: the reference policy's 12 unless a test loads another.</param>
    public Expectation Expect(SyntheticHousehold household, DateOnly asOf, string? down = null, int lookbackMonths = 12)
    {
        bool Knows(string agency) => Asks(agency) && agency != down;
        bool Unknown(string agency) => Asks(agency) && agency == down;

        // Social security answers as of the asked date; every other agency about the sandbox's today, in China.
        var month = new DateOnly(asOf.Year, asOf.Month, 1);
        var window = (From: month.AddMonths(-lookbackMonths), To: month.AddMonths(-1));
        var codes = new List<string>();
        var income = 0m;
        var incomeKnown = true;
        var assets = 0m;
        var foreignDeposits = false;
        foreach (var member in household.Members)
        {
            var atAsOf = population.Describe(member.IdNumber, asOf);
            var now = population.Describe(member.IdNumber);
            var taxAnswered = Knows("tax") && !now.NameDiffersAtTaxBureau;
            var taxUnknown = Unknown("tax") || (Knows("tax") && now.NameDiffersAtTaxBureau);
            if (Knows("tax") && now.NameDiffersAtTaxBureau)
            {
                codes.Add(ReasonCodes.NameIdMismatch);
            }

            var taxed = taxAnswered
                ? now.TaxRecords.Where(r => r.Period >= window.From && r.Period <= window.To).ToList()
                : [];
            var taxWages = taxed.Where(r => r.Category == "wages").Sum(r => r.GrossFen) / 100m;
            var openEmployment = Knows("social-security")
                ? atAsOf.Employments.Where(e => e.To is null || e.To.Value >= month).Select(e => e.ContributionBase).DefaultIfEmpty().Max()
                : 0m;
            var housingFund = Knows("housing-fund")
                ? now.HousingFundAccounts
                    .Where(a => a.Status == "normal" && a.LastDepositMonth is { } last && MonthsBetween(last, month) <= 3)
                    .Select(a => a.DepositBase).DefaultIfEmpty().Max()
                : 0m;
            // The estimates below tax stand in only for a member the bureau holds no wages for: a source that has not told
            // (down, or withholding the records for a name it holds otherwise) leaves the wages unknown.
            if (taxUnknown || (taxWages == 0 && Unknown("social-security")) || (taxWages == 0 && openEmployment == 0 && Unknown("housing-fund")))
            {
                incomeKnown = false;
            }
            else
            {
                income += taxWages > 0 ? taxWages / lookbackMonths : openEmployment > 0 ? openEmployment : housingFund;
            }

            income += taxed.Where(r => r.Category != "wages").Sum(r => r.GrossFen) / 100m / lookbackMonths;
            incomeKnown &= !Unknown("social-security");

            if (Knows("social-security"))
            {
                income += atAsOf.Pensions.Where(p => p.Status == "paying" && p.Scheme != "urban-rural-resident").Sum(p => p.MonthlyAmount);
                if (atAsOf.UnemploymentBenefit is { } benefit && benefit.From <= month && benefit.To >= month)
                {
                    income += benefit.MonthlyAmount;
                }
            }

            if (Knows("bank"))
            {
                assets += now.BankAccounts.Where(a => a.Currency == "CNY").Sum(a => a.Balance);
                foreignDeposits |= now.BankAccounts.Any(a => a.Currency != "CNY" && a.Balance != 0);
            }

            if (Knows("vehicle"))
            {
                codes.AddRange(now.Vehicles
                    .Where(v => v.Zt is "A" or "G" && !v.Cllx.StartsWith('M') && !v.Cllx.StartsWith('N') && v.Cjrzyc != "1")
                    .Select(_ => ReasonCodes.VehicleOwned));
            }

            if (Knows("business-registry"))
            {
                codes.AddRange(now.Businesses.Where(b => b.Status == "active").Select(b => b.Type switch
                {
                    "company" => ReasonCodes.BusinessOwned,
                    "individual-business" => b.RegisteredCapitalWan > CapitalLimitWan ? ReasonCodes.BusinessOwned : ReasonCodes.IndividualBusinessReview,
                    _ => ReasonCodes.CooperativeReview,
                }));
            }

            if (down is not null)
            {
                codes.Add(ReasonCodes.AgencyUnavailable);
            }
        }

        var perCapitaIncome = PerCapita(income, household.Members.Count);
        if (perCapitaIncome > Standard)
        {
            codes.Add(ReasonCodes.IncomeAboveStandard);
        }

        if (Knows("bank") && PerCapita(assets, household.Members.Count) > AssetLimit)
        {
            codes.Add(ReasonCodes.FinancialAssetsAboveLimit);
        }
        else if (Knows("bank") && foreignDeposits)
        {
            // No exchange rate: what the other currencies hold is for a caseworker to value.
            codes.Add(ReasonCodes.ForeignCurrencyAssetsReview);
        }

        var outcome = codes.Any(FailCodes.Contains) ? "fail"
            : down is not null ? "incomplete"
            : codes.Count > 0 ? "review"
            : "pass";
        return new Expectation(outcome, incomeKnown || perCapitaIncome > Standard ? perCapitaIncome : null, [.. codes.Order(StringComparer.Ordinal)]);
    }

    private static decimal PerCapita(decimal total, int members) => Math.Round(total / members, 2, MidpointRounding.AwayFromZero);

    private static int MonthsBetween(DateOnly earlier, DateOnly later) => (later.Year - earlier.Year) * 12 + later.Month - earlier.Month;
}
