using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Disputes;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Full identity numbers are for the tier deciding a case: a caller whose role's tier is the case's current one. Everyone
/// else who may read it (the other tiers, auditors) sees them masked as the logs show them; names and facts stay, as a
/// reviewer of another tier or an auditor needs them to follow the decision.
/// </summary>
public static class CaseViewMasking
{
    public static bool SeesFullNumbers(Caller caller, Tier caseTier) => caller.Tier == caseTier;

    public static CaseView For(Caller caller, CaseView view) =>
        CaseNames.TryParseTier(view.Tier, out var tier) && SeesFullNumbers(caller, tier)
            ? view
            : view with
            {
                Verification = Mask(view.Verification),
                Evidence = [.. view.Evidence.Select(Mask)],
                Disputes = view.Disputes is { } disputes ? [.. disputes.Select(Mask)] : null,
                Confirmed = view.Confirmed is { } confirmed
                    ? new ConfirmedEvidenceView(Mask(confirmed.Verification), [.. confirmed.Evidence.Select(Mask)])
                    : null,
            };

    public static RoundView For(Caller caller, Tier caseTier, RoundView view) =>
        SeesFullNumbers(caller, caseTier)
            ? view
            : view with
            {
                Members = [.. view.Members.Select(m => m with { IdNumber = IdentityNumber.Mask(m.IdNumber) })],
                Verification = Mask(view.Verification),
                Evidence = [.. view.Evidence.Select(Mask)],
            };

    /// <summary>
    /// A batch is read whole by the township that submitted it, which holds every number in it already; any other reader
    /// (an auditor) sees the numbers masked, as the cases' views show them.
    /// </summary>
    public static BatchView For(Caller caller, BatchView view) =>
        caller.Tier == Tier.Township
            ? view
            : view with
            {
                Households = [.. view.Households.Select(h => h with
                {
                    Verification = Mask(h.Verification),
                    Final = h.Final is { } final ? final with { Reasons = Mask(final.Reasons) } : null,
                })],
            };

    private static VerificationView Mask(VerificationView view) =>
        view with
        {
            Reasons = Mask(view.Reasons),
            Declarations = view.Declarations is { } declared
                ? declared with { Members = [.. declared.Members.Select(m => m with { IdNumber = IdentityNumber.Mask(m.IdNumber) })] }
                : null,
        };

    private static IReadOnlyList<ReasonView> Mask(IReadOnlyList<ReasonView> reasons) =>
        [.. reasons.Select(r => r.IdNumber is null ? r : r with { IdNumber = IdentityNumber.Mask(r.IdNumber) })];

    private static DisputeView Mask(DisputeView dispute) =>
        dispute with { IdNumber = dispute.IdNumber is null ? null : IdentityNumber.Mask(dispute.IdNumber), Answers = [.. dispute.Answers.Select(Mask)] };

    private static AgencyEvidenceView Mask(AgencyEvidenceView evidence) => evidence with { IdNumber = IdentityNumber.Mask(evidence.IdNumber) };
}
