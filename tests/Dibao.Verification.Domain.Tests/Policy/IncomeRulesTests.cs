using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

public class IncomeRulesTests
{
    private const string Id = "220105198003150012";

    [Theory]
    [InlineData(PensionScheme.EnterpriseEmployee, PensionStatus.Paying, 2350.50)]
    [InlineData(PensionScheme.Institution, PensionStatus.Paying, 2350.50)]
    [InlineData(PensionScheme.UrbanRuralResident, PensionStatus.Paying, 0)]
    [InlineData(PensionScheme.EnterpriseEmployee, PensionStatus.Suspended, 0)]
    [InlineData(PensionScheme.EnterpriseEmployee, PensionStatus.Terminated, 0)]
    public void Paying_pensions_count_except_the_resident_pension(PensionScheme scheme, PensionStatus status, double expected)
    {
        var part = PensionRule.Estimate(Member(Id, Says(AgencyCodes.SocialSecurity, Pension(scheme, 2350.50m, status))), Changchun);

        (part?.Amount ?? 0m).ShouldBe((decimal)expected);
    }

    [Fact]
    public void The_resident_pension_counts_where_the_jurisdiction_says_so()
    {
        var part = PensionRule.Estimate(
            Member(Id, Says(AgencyCodes.SocialSecurity, Pension(PensionScheme.UrbanRuralResident, 180m))),
            Changchun with { CountResidentPension = true });

        part!.Amount.ShouldBe(180m);
    }

    [Theory]
    [InlineData(2026, 6, 2026, 12, 1500)]
    [InlineData(2026, 11, 2026, 11, 1500)]
    [InlineData(2026, 12, 2027, 5, 0)]
    [InlineData(2026, 1, 2026, 10, 0)]
    public void Unemployment_benefit_counts_when_its_months_include_the_month_of_asOf(int fromYear, int fromMonth, int toYear, int toMonth, int expected)
    {
        var facts = new PersonFacts { UnemploymentBenefits = [new UnemploymentBenefitFact(1500m, Month(fromYear, fromMonth), Month(toYear, toMonth))] };

        var part = UnemploymentBenefitRule.Estimate(Member(Id, Says(AgencyCodes.SocialSecurity, facts)), AsOf);

        (part?.Amount ?? 0m).ShouldBe(expected);
    }

    [Fact]
    public void Other_taxed_income_in_the_window_is_averaged_and_wages_are_left_to_the_wage_rule()
    {
        var member = Member(Id, Says(AgencyCodes.Tax, Taxed(
            (Month(2026, 3), IncomeCategory.LaborRemuneration, 1200m),
            (Month(2026, 4), IncomeCategory.PropertyLease, 2400m),
            (Month(2026, 5), IncomeCategory.Wages, 5000m),
            (Month(2026, 11), IncomeCategory.Business, 9000m))));

        OtherTaxedIncomeRule.Estimate(member, Changchun, AsOf)!.Amount.ShouldBe(300m);
    }

    [Fact]
    public void Income_equal_to_the_standard_does_not_disqualify()
    {
        var household = Household(
            Member(Id, Says(AgencyCodes.SocialSecurity, Employment(1600m, Month(2023, 1)))),
            Member("220105198505050023", Nothing(AgencyCodes.SocialSecurity)));

        var income = HouseholdIncomeRule.Assess(household, Changchun);

        income.PerCapitaMonthlyIncome.ShouldBe(800m);
        income.Reason.ShouldBeNull();
    }

    [Fact]
    public void Income_one_fen_above_the_standard_disqualifies_with_the_figures()
    {
        var household = Household(
            Member(Id, Says(AgencyCodes.SocialSecurity, Employment(1600.02m, Month(2023, 1)))),
            Member("220105198505050023", Nothing(AgencyCodes.SocialSecurity)));

        var reason = HouseholdIncomeRule.Assess(household, Changchun).Reason!;

        reason.Code.ShouldBe(ReasonCodes.IncomeAboveStandard);
        reason.Severity.ShouldBe(ReasonSeverity.Fail);
        reason.Actual.ShouldBe(800.01m);
        reason.Limit.ShouldBe(800m);
        reason.Message.ShouldContain("800.01");
        reason.Evidence.ShouldContain("1600.02");
    }

    [Theory]
    [InlineData(2400.015, 3, 800.01)]
    [InlineData(2400.014, 3, 800.00)]
    [InlineData(-0.015, 1, -0.02)]
    public void Per_capita_rounds_half_away_from_zero(double total, int members, double expected) =>
        HouseholdIncomeRule.PerCapita((decimal)total, members).ShouldBe((decimal)expected);

    [Fact]
    public void Rounding_decides_at_the_standard()
    {
        // 2400.014 / 3 = 800.0047 rounds to 800.00: not above.
        var household = Household(
            Member(Id, Says(AgencyCodes.SocialSecurity, Employment(2400.014m, Month(2023, 1)))),
            Member("220105198505050023", Nothing(AgencyCodes.SocialSecurity)),
            Member("220105201001010016", Nothing(AgencyCodes.SocialSecurity)));

        HouseholdIncomeRule.Assess(household, Changchun).Reason.ShouldBeNull();
    }

    [Fact]
    public void Known_income_above_the_standard_fails_even_while_answers_are_awaited()
    {
        var household = Household(
            Member(Id, Says(AgencyCodes.SocialSecurity, Pension(PensionScheme.EnterpriseEmployee, 3000m)), AgencyAnswer.Awaited(AgencyCodes.HousingFund)));

        var income = HouseholdIncomeRule.Assess(household, Changchun);

        income.Reason!.Code.ShouldBe(ReasonCodes.IncomeAboveStandard);
        income.PerCapitaMonthlyIncome.ShouldBe(3000m);
    }

    [Fact]
    public void Per_capita_income_is_not_reported_while_a_part_is_unknown()
    {
        var household = Household(Member(Id, AgencyAnswer.Awaited(AgencyCodes.SocialSecurity), Nothing(AgencyCodes.HousingFund)));

        HouseholdIncomeRule.Assess(household, Changchun).PerCapitaMonthlyIncome.ShouldBeNull();
    }
}
