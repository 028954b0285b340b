using Dibao.Verification.Domain.Policy;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

public class StaffAndConsentReasonTests
{
    private const string Relative = "220105198003150012";
    private const string Other = "220105198205210027";

    [Fact]
    public void A_member_registered_as_a_staff_relative_sends_an_otherwise_passing_household_to_review_naming_the_staff_member()
    {
        var members = new[] { Member(Relative, Nothing(AgencyCodes.Tax)), Member(Other, Nothing(AgencyCodes.Tax)) };

        var evaluation = HouseholdEvaluator.Evaluate(
            new HouseholdEvidence(AsOf, members, [new StaffTie(Relative, "county-07", "sibling", "220105")]), Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        var reason = evaluation.Reasons.Single();
        (reason.Code, reason.Severity, reason.IdNumber).ShouldBe((ReasonCodes.StaffRelativeReview, ReasonSeverity.Review, Relative));
        reason.Evidence.ShouldContain("county-07");
        reason.Evidence.ShouldContain("兄弟姐妹");
        HouseholdEvaluator.Evaluate(new HouseholdEvidence(AsOf, members), Changchun).Outcome.ShouldBe(Outcome.Pass, "without the register, the same evidence passes");
    }

    [Fact]
    public void Questions_withheld_for_an_expired_authorization_make_the_household_incomplete_with_one_consent_reason_per_member()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(
                Member(Relative, AgencyAnswer.QueryRefused(AgencyCodes.Tax, ReasonCodes.ConsentExpired), AgencyAnswer.QueryRefused("bank:ICBC", ReasonCodes.ConsentExpired)),
                Member(Other, AgencyAnswer.QueryRefused(AgencyCodes.Tax, ReasonCodes.ConsentExpired), AgencyAnswer.QueryRefused("bank:ICBC", ReasonCodes.ConsentExpired))),
            Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Incomplete);
        evaluation.Reasons.Select(r => (r.Code, r.IdNumber)).ShouldBe([(ReasonCodes.ConsentExpired, Relative), (ReasonCodes.ConsentExpired, Other)]);
        evaluation.Reasons[0].Message.ShouldContain("授权书");
    }
}
