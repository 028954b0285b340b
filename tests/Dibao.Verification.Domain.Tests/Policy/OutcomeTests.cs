using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

public class OutcomeTests
{
    private const string Id = "220105198003150012";

    private static Reason R(ReasonSeverity severity) => new("X", severity, null, null, "", "");

    [Fact]
    public void Fail_wins_over_everything() =>
        OutcomeRule.Decide([R(ReasonSeverity.Review), R(ReasonSeverity.Incomplete), R(ReasonSeverity.Fail)], anyAwaited: true).ShouldBe(Outcome.Fail);

    [Fact]
    public void Incomplete_before_pending() => OutcomeRule.Decide([R(ReasonSeverity.Incomplete)], anyAwaited: true).ShouldBe(Outcome.Incomplete);

    [Fact]
    public void Pending_before_review() => OutcomeRule.Decide([R(ReasonSeverity.Review)], anyAwaited: true).ShouldBe(Outcome.Pending);

    [Fact]
    public void Review_when_all_answered() => OutcomeRule.Decide([R(ReasonSeverity.Review)], anyAwaited: false).ShouldBe(Outcome.Review);

    [Fact]
    public void Pass_only_with_nothing_awaited_and_no_reason()
    {
        OutcomeRule.Decide([], anyAwaited: false).ShouldBe(Outcome.Pass);
        OutcomeRule.Decide([], anyAwaited: true).ShouldBe(Outcome.Pending);
    }

    [Fact]
    public void An_agency_past_its_deadline_makes_the_household_incomplete_naming_it()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Nothing(AgencyCodes.SocialSecurity), AgencyAnswer.Unavailable(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Incomplete);
        var reason = evaluation.Reasons.Single();
        reason.Code.ShouldBe(ReasonCodes.AgencyUnavailable);
        reason.Agency.ShouldBe(AgencyCodes.HousingFund);
        reason.IdNumber.ShouldBe(Id);
        reason.Message.ShouldContain("住房公积金管理中心");
    }

    [Fact]
    public void An_agency_that_refused_the_whole_question_makes_the_household_incomplete_naming_it_and_its_code()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Nothing(AgencyCodes.SocialSecurity), AgencyAnswer.QueryRefused(AgencyCodes.Tax, "HTTP_401"))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Incomplete);
        evaluation.Settled.ShouldBeTrue();
        var reason = evaluation.Reasons.Single();
        reason.Code.ShouldBe(ReasonCodes.AgencyQueryRefused);
        reason.Severity.ShouldBe(ReasonSeverity.Incomplete);
        reason.Agency.ShouldBe(AgencyCodes.Tax);
        reason.Evidence.ShouldContain("HTTP_401");
        reason.Message.ShouldContain("HTTP_401");
    }

    [Fact]
    public void A_household_fails_on_what_is_known_even_with_an_agency_missing()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Says(AgencyCodes.SocialSecurity, Pension(PensionScheme.EnterpriseEmployee, 2000m)), AgencyAnswer.Unavailable(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Fail);
        evaluation.Reasons.Select(r => r.Code).ShouldBe([ReasonCodes.IncomeAboveStandard, ReasonCodes.AgencyUnavailable]);
    }

    [Fact]
    public void A_name_mismatch_asks_for_review()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Refuses(AgencyCodes.Tax, RefusalCodes.NameIdMismatch), Nothing(AgencyCodes.SocialSecurity))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        evaluation.Reasons.Single().Code.ShouldBe(ReasonCodes.NameIdMismatch);
    }

    [Fact]
    public void A_name_mismatch_is_not_failed_on_the_estimates_the_policy_keeps_for_members_without_tax_wages()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Refuses(AgencyCodes.Tax, RefusalCodes.NameIdMismatch), Says(AgencyCodes.SocialSecurity, Employment(4200m, Month(2023, 1))))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        evaluation.Reasons.Single().Code.ShouldBe(ReasonCodes.NameIdMismatch);
        evaluation.PerCapitaMonthlyIncome.ShouldBeNull();
    }

    [Fact]
    public void A_refused_question_leaves_the_income_it_would_have_shown_unknown()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Nothing(AgencyCodes.Tax), AgencyAnswer.QueryRefused(AgencyCodes.SocialSecurity, "HTTP_403"))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Incomplete);
        evaluation.PerCapitaMonthlyIncome.ShouldBeNull();
    }

    [Fact]
    public void A_refusal_by_a_bank_leaves_the_assets_per_head_unknown()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Nothing(AgencyCodes.Tax), Refuses("bank:ICBC", RefusalCodes.MalformedIdNumber))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        evaluation.PerCapitaFinancialAssets.ShouldBeNull();
    }

    [Fact]
    public void Any_other_refusal_is_never_a_pass()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Refuses(AgencyCodes.SocialSecurity, RefusalCodes.MalformedIdNumber), Nothing(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        evaluation.Reasons.Single().Code.ShouldBe(ReasonCodes.AgencyRefused);
    }

    [Fact]
    public void A_person_refused_under_a_code_the_hub_does_not_know_goes_to_a_caseworker_naming_the_code()
    {
        // The tax bureau passes on its own code for a 400 about a person; the hub has no list of them to fall out of.
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Refuses(AgencyCodes.Tax, "INVALID_ID_NUMBER"), Nothing(AgencyCodes.SocialSecurity), Nothing(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldNotBe(Outcome.Pass);
        evaluation.PerCapitaMonthlyIncome.ShouldBeNull();
        var reason = evaluation.Reasons.Where(r => r.Code == ReasonCodes.AgencyRefused).ShouldHaveSingleItem();
        reason.Severity.ShouldBe(ReasonSeverity.Review);
        reason.Message.ShouldContain("INVALID_ID_NUMBER");
    }

    [Fact]
    public void A_person_whose_part_of_an_answer_could_not_be_read_goes_to_a_caseworker_told_the_agency_answered()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Refuses(AgencyCodes.Tax, RefusalCodes.UnreadableAnswer), Nothing(AgencyCodes.SocialSecurity), Nothing(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        evaluation.PerCapitaMonthlyIncome.ShouldBeNull();
        var reason = evaluation.Reasons.Where(r => r.Code == ReasonCodes.AgencyRefused).ShouldHaveSingleItem();
        reason.Message.ShouldContain("无法识别（UNREADABLE_ANSWER）");
        reason.Message.ShouldNotContain("拒绝");
    }

    [Fact]
    public void A_household_with_every_answer_in_and_nothing_found_passes()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Nothing(AgencyCodes.SocialSecurity), Nothing(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Pass);
        evaluation.PerCapitaMonthlyIncome.ShouldBe(0m);
        evaluation.Settled.ShouldBeTrue();
    }

    [Fact]
    public void A_household_with_an_answer_awaited_is_pending_not_pass()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Member(Id, Nothing(AgencyCodes.SocialSecurity), AgencyAnswer.Awaited(AgencyCodes.HousingFund))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Pending);
        evaluation.Settled.ShouldBeFalse();
    }
}
