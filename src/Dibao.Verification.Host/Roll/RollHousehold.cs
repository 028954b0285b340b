namespace Dibao.Verification.Host.Roll;

/// <summary>
/// A household receiving the benefit (低保在册户): joined when the city confirmed its case as pass, or imported from an
/// office's existing register. Rows are never deleted or changed but to mark them left: an exit, or a new entry taking
/// the row's place (<see cref="SupersededById"/>), so what was paid, and on what, stays explainable; an imported row's
/// baseline (<see cref="BaselineRunId"/>) is written once besides, by the run that sets it.
/// </summary>
public sealed class RollHousehold
{
    public Guid Id { get; init; }

    /// <summary>The township code: its first 6 digits are the county, its first 4 the city.</summary>
    public required string Township { get; init; }

    public required string Ref { get; init; }

    /// <summary>The date since which the household receives the benefit.</summary>
    public DateOnly Since { get; init; }

    /// <summary>The signed authorization (授权书) the nightly run asks on: the township renews it (<see cref="AuthorizationRenewal"/>).</summary>
    public required string ConsentRef { get; init; }

    public DateOnly ConsentSignedOn { get; init; }

    /// <summary><see cref="RollSources.Confirmation"/> or <see cref="RollSources.Import"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The confirmed case it joined by; null for an imported household.</summary>
    public Guid? CaseId { get; init; }

    /// <summary>The confirmed evaluation (and through it the round's agency answers) the household was last confirmed on.</summary>
    public Guid? EvaluationId { get; init; }

    /// <summary>
    /// For a household without a confirmed evaluation (imported): the income per head the agencies' answers gave in the
    /// first run that compared it unchanged, which later runs compare with as with a confirmed one's. Stored encrypted.
    /// </summary>
    public decimal? BaselinePerCapitaMonthlyIncome { get; init; }

    /// <summary>The run whose answers <see cref="BaselinePerCapitaMonthlyIncome"/> rests on; null until a run sets it.</summary>
    public Guid? BaselineRunId { get; init; }

    public DateTime JoinedAtUtc { get; init; }

    public required string JoinedBy { get; init; }

    public DateTime? LeftAtUtc { get; private set; }

    /// <summary>The confirmed case it left by: an exit, or a case whose round took its place.</summary>
    public Guid? LeftByCaseId { get; private set; }

    /// <summary>
    /// The entry that took its place, the household staying on the roll: a later confirmation, or a renewed authorization.
    /// Null for an exit.
    /// </summary>
    public Guid? SupersededById { get; private set; }

    /// <summary>The household leaves the roll by a confirmed exit (清退).</summary>
    public void Leave(Guid caseId, DateTime now)
    {
        LeftAtUtc = now;
        LeftByCaseId = caseId;
    }

    /// <summary>A new entry takes this one's place, the household staying on the roll.</summary>
    public void SupersededBy(RollHousehold next, Guid? caseId, DateTime now)
    {
        LeftAtUtc = now;
        LeftByCaseId = caseId;
        SupersededById = next.Id;
    }
}
