using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>The confirmed result of a household, as the city signed it.</summary>
/// <param name="Outcome"><c>pass</c> or <c>fail</c>.</param>
/// <param name="Reasons">The automated verification's reasons.</param>
/// <param name="AmendmentReason">Why a county or city changed the automated outcome; null when it stands.</param>
public sealed record FinalView(string Outcome, IReadOnlyList<ReasonView> Reasons, string? AmendmentReason, TierSignaturesView Confirmations);
