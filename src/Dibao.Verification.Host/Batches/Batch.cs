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

    /// <summary>
    /// The client's key for this submission (<c>Idempotency-Key</c>, or the console's upload form), when it gave one: a
    /// submission repeated with it, after a dropped connection or a second click, gets this batch back instead of a second.
    /// </summary>
    public string? SubmissionKey { get; init; }

    /// <summary>What was submitted under <see cref="SubmissionKey"/> (<see cref="SubmissionHash"/>), to tell a repeat from another batch reusing the key.</summary>
    public string? SubmissionHash { get; init; }
    public List<Household> Households { get; init; } = [];
}
