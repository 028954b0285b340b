using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// For a re-comparison case: the result and the agencies' answers the household was last confirmed on, beside the new
/// ones the case carries, so the tiers see what changed.
/// </summary>
public sealed record ConfirmedEvidenceView(VerificationView Verification, IReadOnlyList<AgencyEvidenceView> Evidence);
