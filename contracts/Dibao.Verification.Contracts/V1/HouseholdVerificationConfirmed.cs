namespace Dibao.Verification.Contracts.V1;

/// <summary>
/// Published once when the city confirms a household's result, for the benefit-management system: the outcome
/// is final and signed by every tier.
/// </summary>
/// <param name="Outcome"><c>pass</c> or <c>fail</c>.</param>
/// <param name="ReasonCodes">The codes of the automated verification's reasons.</param>
/// <param name="AmendmentReason">Why a county or city changed the automated outcome; null when it stands.</param>
/// <param name="ConfirmedBy">Who signed at the city; <c>system</c> for an auto-confirmed case.</param>
public sealed record HouseholdVerificationConfirmed(
    Guid CaseId,
    Guid BatchId,
    string HouseholdRef,
    string Township,
    string Outcome,
    IReadOnlyList<string> ReasonCodes,
    string? AmendmentReason,
    string ConfirmedBy,
    DateTimeOffset ConfirmedAt);
