namespace Dibao.Verification.Host.Batches;

/// <summary>The answer of <c>GET /api/v1/batches/{batchId}</c>.</summary>
/// <param name="Status"><c>verifying</c> while any household awaits an answer, then <c>completed</c>.</param>
/// <param name="Households">Every household, or those of the page asked for (<paramref name="Page"/>, <paramref name="PageSize"/>).</param>
public sealed record BatchView(
    Guid BatchId,
    string Status,
    string Township,
    string Purpose,
    DateOnly AsOf,
    DateTimeOffset SubmittedAt,
    BatchProgress Progress,
    IReadOnlyList<HouseholdView> Households,
    int? Page = null,
    int? PageSize = null);
