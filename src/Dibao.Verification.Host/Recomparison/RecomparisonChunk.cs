namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// A run's checkpoint: the roll households of one township after <see cref="AfterRef"/> up to <see cref="LastRef"/>,
/// taken at once. Its questions to the agencies carry its id as their batch; their answers are kept whole per question
/// (<see cref="RecomparisonAnswer"/>) until the chunk is compared, once, in memory. Only a household that changed gets
/// rows of its own; the rest are counts here.
/// </summary>
public sealed class RecomparisonChunk
{
    public Guid Id { get; init; }
    public Guid RunId { get; init; }
    public required string Township { get; init; }

    /// <summary>The ref the chunk starts after; null for a township's first chunk.</summary>
    public string? AfterRef { get; init; }

    public required string LastRef { get; init; }

    public int Households { get; init; }

    public DateTime TakenAtUtc { get; init; }

    /// <summary>The office's date when it was taken: the day its households' authorizations were checked for.</summary>
    public DateOnly AskedOn { get; init; }

    public DateTime? ComparedAtUtc { get; private set; }

    /// <summary>Households compared as unchanged; changed ones are counted by their <see cref="RecomparisonItem"/>.</summary>
    public int Unchanged { get; private set; }

    /// <summary>Households left without a comparison, an agency having refused or not answered about them.</summary>
    public int Unavailable { get; private set; }

    public void Compared(int unchanged, int unavailable, DateTime now)
    {
        Unchanged = unchanged;
        Unavailable = unavailable;
        ComparedAtUtc = now;
    }
}
