namespace Dibao.Verification.Host.Batches;

/// <summary>The body of <c>POST /api/v1/batches</c>, as JSON or built from the CSV rows.</summary>
public sealed record BatchRequest
{
    public string? Township { get; init; }
    public string? Purpose { get; init; }
    public DateOnly? AsOf { get; init; }
    public List<HouseholdRequest>? Households { get; init; }
}
