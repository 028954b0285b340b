namespace Dibao.Verification.Host.Confirmation;

/// <summary>One step in a case's history, kept for ever: who did what at which tier, when, why, and what the outcome was after it.</summary>
public sealed class CaseStep
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public int Sequence { get; init; }
    public Tier Tier { get; init; }

    /// <summary>One of <see cref="CaseActions"/>.</summary>
    public required string Action { get; init; }

    public required string By { get; init; }
    public DateTime AtUtc { get; init; }
    public string? Reason { get; init; }
    public Domain.Policy.Outcome Outcome { get; init; }

    /// <summary>The round of verification whose result the case carried at this step: what was signed.</summary>
    public int Round { get; init; }
}
