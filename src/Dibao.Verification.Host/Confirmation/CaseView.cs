using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Roll;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>The answer of <c>GET /api/v1/cases/{caseId}</c>.</summary>
/// <param name="Outcome">The outcome being signed: the automated one, or a tier's amendment.</param>
/// <param name="Verification">The automated result, as in the batch view.</param>
/// <param name="Evidence">Every agency answer about every member, in the household's current round.</param>
/// <param name="Round">The household's current round; the history's steps say which round each tier signed.</param>
/// <param name="LateEvidence">An agency answered after the current round had settled: see each evidence item's <c>late</c>.</param>
/// <param name="Rounds">Every round of the household's verification, oldest first; each can be read whole.</param>
/// <param name="Disputes">Every dispute of the case (复查), oldest first, with the re-asked answers and whether the result changed.</param>
/// <param name="Baseline">For a re-comparison case of a household imported and never confirmed since: the baseline it was compared with, in place of <paramref name="Confirmed"/>.</param>
/// <param name="NoticeFrom">The first day of the case's latest public notice (公示), with <paramref name="NoticeTo"/> its last; null when never posted.</param>
public sealed record CaseView(
    Guid CaseId,
    Guid BatchId,
    string HouseholdRef,
    string Township,
    string Tier,
    string State,
    int Version,
    string Outcome,
    string? AmendmentReason,
    DateOnly? Due,
    bool DueProvisional,
    bool Overdue,
    VerificationView Verification,
    IReadOnlyList<AgencyEvidenceView> Evidence,
    IReadOnlyList<CaseStepView> History,
    int Round,
    bool LateEvidence,
    IReadOnlyList<RoundSummaryView> Rounds,
    DateOnly? NoticeFrom = null,
    DateOnly? NoticeTo = null,
    IReadOnlyList<DisputeView>? Disputes = null,
    string Kind = CaseKinds.Application,
    ConfirmedEvidenceView? Confirmed = null,
    RollBaselineView? Baseline = null);
