namespace Dibao.Verification.Host.Batches;

/// <summary>The answer of <c>GET /api/v1/batches/{batchId}</c>.</summary>
/// <param name="Status"><c>verifying</c> while any household awaits an answer, then <c>completed</c>.</param>
public sealed record BatchView(
    Guid BatchId,
    string Status,
    string Township,
    string Purpose,
    DateOnly AsOf,
    DateTimeOffset SubmittedAt,
    BatchProgress Progress,
    IReadOnlyList<HouseholdView> Households);
