namespace Dibao.Verification.Contracts.V1;

/// <summary>Published when the automated verification of a household reaches an outcome that no awaited answer can change.</summary>
/// <param name="Outcome"><c>pass</c>, <c>fail</c>, <c>review</c> or <c>incomplete</c>.</param>
public sealed record HouseholdVerificationCompleted(
    Guid BatchId,
    string HouseholdRef,
    string Township,
    string Outcome,
    IReadOnlyList<string> ReasonCodes,
    DateTimeOffset CompletedAt);
