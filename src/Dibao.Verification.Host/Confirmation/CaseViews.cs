using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>Case parts shared by the case and batch views.</summary>
public static class CaseViews
{
    public static CaseStepView Step(CaseStep step) =>
        new(CaseNames.Of(step.Tier), step.Action, step.By, new DateTimeOffset(step.AtUtc, TimeSpan.Zero), step.Reason, OutcomeNames.Of(step.Outcome), step.Round);

    /// <summary>
    /// The confirmed result and its signatures: at each tier, the last confirm or amend since the result was last
    /// verified, since a re-verification starts the signing over.
    /// </summary>
    public static FinalView? Final(Case @case, IReadOnlyList<ReasonView> reasons)
    {
        if (@case.State != CaseState.Confirmed)
        {
            return null;
        }

        var history = @case.History.OrderBy(s => s.Sequence).ToList();
        var since = history.FindLastIndex(s => s.Action == CaseActions.Verified);
        var signatures = history.Skip(since + 1)
            .Where(s => s.Action is CaseActions.Confirm or CaseActions.Amend)
            .GroupBy(s => s.Tier)
            .ToDictionary(g => g.Key, g => g.Last());
        return new FinalView(
            OutcomeNames.Of(@case.Outcome),
            reasons,
            @case.AmendmentReason,
            new TierSignaturesView(Signature(signatures, Tier.Township), Signature(signatures, Tier.County), Signature(signatures, Tier.City)));
    }

    private static SignatureView? Signature(Dictionary<Tier, CaseStep> signatures, Tier tier) =>
        signatures.TryGetValue(tier, out var step) ? new SignatureView(step.Action, step.By, new DateTimeOffset(step.AtUtc, TimeSpan.Zero)) : null;
}
