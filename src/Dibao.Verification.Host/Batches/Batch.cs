namespace Dibao.Verification.Host.Batches;

/// <summary>A township's submission of applicant households, verified together.</summary>
public sealed class Batch
{
    public const int MaxPurposeLength = 64;

    public Guid Id { get; init; }
    public required string Township { get; init; }
    public required string Purpose { get; init; }
    public DateOnly AsOf { get; init; }
    public DateTime SubmittedAtUtc { get; init; }
    public required string PolicyName { get; init; }
    public List<Household> Households { get; init; } = [];
}
