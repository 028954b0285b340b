namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// One roll household whose findings changed in one run (<see cref="RecomparisonComparison"/>): stored as a household of
/// a batch for its township and settled like one, which compares it again and opens its case. Unique per run and roll
/// household, so the database refuses raising one twice.
/// </summary>
public sealed class RecomparisonItem
{
    public Guid Id { get; init; }
    public Guid RunId { get; init; }
    public Guid RollHouseholdId { get; init; }
    public required string Township { get; init; }
    public required string Ref { get; init; }

    /// <summary>The household (and through it the round and the agencies' answers) this run asked about.</summary>
    public Guid HouseholdId { get; init; }

    /// <summary>The name of a <see cref="ChangeKind"/>, lower case; null until compared.</summary>
    public string? Change { get; private set; }

    /// <summary>The evaluation the household had last been confirmed on when compared; null for one imported without any.</summary>
    public Guid? ConfirmedEvaluationId { get; private set; }

    public decimal? ConfirmedIncome { get; private set; }

    /// <summary>
    /// For a household compared with its baseline (imported, never confirmed since): the run that set it, whose answers
    /// <see cref="ConfirmedIncome"/> rests on.
    /// </summary>
    public Guid? BaselineRunId { get; private set; }

    public decimal? NewIncome { get; private set; }

    public DateTime? ComparedAtUtc { get; private set; }

    public void Compared(ChangeKind change, Guid? confirmedEvaluationId, ConfirmedFindings confirmed, decimal? newIncome, DateTime now)
    {
        Change = ChangeNames.Of(change);
        ConfirmedEvaluationId = confirmedEvaluationId;
        ConfirmedIncome = confirmed.PerCapitaMonthlyIncome;
        BaselineRunId = confirmed.BaselineRunId;
        NewIncome = newIncome;
        ComparedAtUtc = now;
    }
}
