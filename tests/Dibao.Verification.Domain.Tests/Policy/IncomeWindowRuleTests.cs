using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

/// <summary>
/// The tax bureau answers for the window it was asked about; the policy may have been replaced with a longer one while
/// the answer was awaited. Twelve months of wages at 1,000 yuan divided by 24 would pass a household against 800.
/// </summary>
public class IncomeWindowRuleTests
{
    private const string Id = "220105198003150012";
    private const string Spouse = "220105198205200021";

    private static readonly PolicyParameters TwoYears = Changchun with { IncomeLookbackMonths = 24 };

    /// <summary>Asked under the twelve-month policy: 2025-11 to 2026-10.</summary>
    private static readonly IncomeWindow TwelveMonths = IncomeWindow.Before(AsOf, 12);

    /// <summary>1,000 yuan of wages in every month of the twelve asked.</summary>
    private static AgencyAnswer TaxWages(IncomeWindow? asked) => AgencyAnswer.Answered(
        AgencyCodes.Tax,
        new PersonFinding("X", FindingKind.RecordsFound, null, Taxed([.. Enumerable.Range(0, 12).Select(m => (TwelveMonths.FromMonth.AddMonths(m), IncomeCategory.Wages, 1000m))])),
        asked);

    [Fact]
    public void Wages_asked_for_a_shorter_window_than_the_policy_s_neither_pass_nor_fail_the_household_but_leave_it_incomplete()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, TaxWages(TwelveMonths), Says(AgencyCodes.SocialSecurity, Employment(500m, Month(2023, 1))), Nothing(AgencyCodes.HousingFund))),
            TwoYears);

        evaluation.Outcome.ShouldBe(Outcome.Incomplete);
        evaluation.PerCapitaMonthlyIncome.ShouldBeNull("twelve months of wages say nothing about a 24-month average");
        var reason = evaluation.Reasons.ShouldHaveSingleItem();
        (reason.Code, reason.Severity, reason.Agency, reason.IdNumber).ShouldBe((ReasonCodes.IncomeWindowNotCovered, ReasonSeverity.Incomplete, AgencyCodes.Tax, Id));
        reason.Evidence.ShouldBe("税务部门按2025-11至2026-10（12个月）答复，现行政策的收入计算期间为2024-11至2026-10（24个月）");
        reason.Message.ShouldContain("税务部门");
        reason.Message.ShouldContain("重新查询");
    }

    [Fact]
    public void Neither_the_wages_nor_the_social_security_estimate_stand_in_for_an_answer_about_a_shorter_window()
    {
        var member = Member(Id, TaxWages(TwelveMonths), Says(AgencyCodes.SocialSecurity, Employment(500m, Month(2023, 1))));

        var wages = WageRule.Estimate(member, TwoYears, AsOf);
        var other = OtherTaxedIncomeRule.Estimate(member, TwoYears, AsOf);

        (wages.Known, wages.Amount, wages.Agency).ShouldBe((false, 0m, AgencyCodes.Tax));
        other.ShouldNotBeNull().Known.ShouldBeFalse();
    }

    [Fact]
    public void A_household_still_fails_on_what_is_known_besides()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(
                Member(Id, TaxWages(TwelveMonths), Nothing(AgencyCodes.SocialSecurity)),
                Member(Spouse, Nothing(AgencyCodes.Tax), Says(AgencyCodes.SocialSecurity, Pension(PensionScheme.EnterpriseEmployee, 3000m)))),
            TwoYears);

        evaluation.Outcome.ShouldBe(Outcome.Fail);
        evaluation.Reasons.Select(r => r.Code).ShouldBe([ReasonCodes.IncomeAboveStandard, ReasonCodes.IncomeWindowNotCovered]);
        evaluation.Reasons[0].Evidence.ShouldNotContain("税务工资薪金", customMessage: "the pension alone fails it");
    }

    [Fact]
    public void An_answer_about_a_longer_window_counts_only_the_policy_s_months()
    {
        var sixMonths = Changchun with { IncomeLookbackMonths = 6 };

        var evaluation = HouseholdEvaluator.Evaluate(Household(Member(Id, TaxWages(TwelveMonths), Nothing(AgencyCodes.SocialSecurity))), sixMonths);

        evaluation.Outcome.ShouldBe(Outcome.Fail);
        evaluation.PerCapitaMonthlyIncome.ShouldBe(1000m);
        evaluation.Reasons.ShouldHaveSingleItem().Code.ShouldBe(ReasonCodes.IncomeAboveStandard);
    }

    [Fact]
    public void An_answer_stored_without_its_window_is_read_as_asked_for_the_policy_s()
    {
        var evaluation = HouseholdEvaluator.Evaluate(Household(Member(Id, TaxWages(asked: null), Nothing(AgencyCodes.SocialSecurity))), Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Fail);
        evaluation.PerCapitaMonthlyIncome.ShouldBe(1000m);
    }

    [Fact]
    public void A_refusal_about_the_person_is_reported_as_a_refusal_not_as_a_window()
    {
        var refused = AgencyAnswer.Answered(AgencyCodes.Tax, new PersonFinding("X", FindingKind.Refused, RefusalCodes.NameIdMismatch, new PersonFacts()), TwelveMonths);

        IncomeWindowRule.Assess(Member(Id, refused), TwoYears, AsOf).ShouldBeEmpty();
    }
}
