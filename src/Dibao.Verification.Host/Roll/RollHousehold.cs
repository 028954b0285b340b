namespace Dibao.Verification.Host.Roll;

/// <summary>
/// A household receiving the benefit (低保在册户): joined when the city confirmed its case as pass, or imported from an
/// office's existing register. Rows are never deleted: leaving the roll marks the row, so what was paid stays explainable.
/// </summary>
public sealed class RollHousehold
{
    public Guid Id { get; init; }

    /// <summary>The township code: its first 6 digits are the county, its first 4 the city.</summary>
    public required string Township { get; init; }

    public required string Ref { get; init; }

    /// <summary>The date since which the household receives the benefit.</summary>
    public DateOnly Since { get; init; }

    public required string ConsentRef { get; init; }

    public DateOnly ConsentSignedOn { get; init; }

    /// <summary><see cref="RollSources.Confirmation"/> or <see cref="RollSources.Import"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The confirmed case it joined by; null for an imported household.</summary>
    public Guid? CaseId { get; init; }

    /// <summary>The confirmed evaluation (and through it the round's agency answers) the household was last confirmed on.</summary>
    public Guid? EvaluationId { get; set; }

    public DateTime JoinedAtUtc { get; init; }

    public required string JoinedBy { get; init; }

    public DateTime? LeftAtUtc { get; private set; }

    /// <summary>The confirmed exit case it left by.</summary>
    public Guid? LeftByCaseId { get; private set; }

    public void Leave(Guid caseId, DateTime now)
    {
        LeftAtUtc = now;
        LeftByCaseId = caseId;
    }
}
