using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Domain.Tests.Policy;

/// <summary>Short ways to write what agencies said, so each test shows only the facts it is about.</summary>
internal static class Evidence
{
    public static readonly DateOnly AsOf = new(2026, 11, 15);

    public static readonly PolicyParameters Changchun = new(800m, 12, 24, 10m, 3, false);

    public static DateOnly Month(int year, int month) => new(year, month, 1);

    public static AgencyAnswer Says(string agency, PersonFacts facts) =>
        AgencyAnswer.Answered(agency, new PersonFinding("X", FindingKind.RecordsFound, null, facts));

    public static AgencyAnswer Nothing(string agency) =>
        AgencyAnswer.Answered(agency, new PersonFinding("X", FindingKind.NoRecords, null, new PersonFacts()));

    public static AgencyAnswer Refuses(string agency, string code) =>
        AgencyAnswer.Answered(agency, new PersonFinding("X", FindingKind.Refused, code, new PersonFacts()));

    public static MemberEvidence Member(string id, params AgencyAnswer[] answers) => new(id, "张三", answers);

    public static HouseholdEvidence Household(params MemberEvidence[] members) => new(AsOf, members);

    public static PersonFacts Employment(decimal contributionBase, DateOnly from, DateOnly? to = null) =>
        new() { Employments = [new EmploymentFact("某公司", "91220101MA14XXXX1K", contributionBase, from, to)] };

    public static PersonFacts HousingFund(decimal depositBase, DateOnly? lastDeposit, HousingFundAccountStatus status = HousingFundAccountStatus.Normal) =>
        new() { HousingFundAccounts = [new HousingFundAccountFact("2201001234567", status, "某物业", depositBase, depositBase * 0.2m, 1000m, lastDeposit, new DateOnly(2015, 3, 1))] };

    public static PersonFacts Pension(PensionScheme scheme, decimal amount, PensionStatus status = PensionStatus.Paying) =>
        new() { Pensions = [new PensionFact(scheme, amount, new DateOnly(2024, 3, 1), status)] };

    public static PersonFacts Taxed(params (DateOnly Period, IncomeCategory Category, decimal Gross)[] records) =>
        new() { TaxedIncome = [.. records.Select(r => new TaxedIncomeFact(r.Period, r.Category, "某商贸公司", r.Gross, 0m))] };
}
