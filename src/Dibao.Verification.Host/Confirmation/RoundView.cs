using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>The answer of <c>GET /api/v1/cases/{caseId}/rounds/{number}</c>: one round of verification exactly as it was.</summary>
/// <param name="Cause"><c>submission</c>, <c>correction</c> or <c>reverification</c>.</param>
public sealed record RoundView(
    int Number,
    string Cause,
    DateTimeOffset StartedAt,
    IReadOnlyList<RoundMemberView> Members,
    VerificationView Verification,
    IReadOnlyList<AgencyEvidenceView> Evidence);
