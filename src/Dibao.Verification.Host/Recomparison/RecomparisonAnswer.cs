using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// An agency's whole answer to one question of a <see cref="RecomparisonChunk"/>: kept as it came, encrypted, until the
/// chunk is compared, then deleted with the chunk's comparison. One per question, so a report delivered twice is kept once.
/// </summary>
public sealed class RecomparisonAnswer
{
    /// <summary>The question's id: one answer per question.</summary>
    public Guid Id { get; init; }

    public Guid ChunkId { get; init; }
    public required string Source { get; init; }

    /// <summary><see cref="AnswerState.Answered"/> or <see cref="AnswerState.Refused"/> (the whole question).</summary>
    public AnswerState State { get; init; }

    public string? RefusalCode { get; init; }

    /// <summary>The findings as the agency's adapter reported them, as JSON; null for a refusal.</summary>
    public string? FindingsJson { get; init; }

    public DateTime AnsweredAtUtc { get; init; }
}
