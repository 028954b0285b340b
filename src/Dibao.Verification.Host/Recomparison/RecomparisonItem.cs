namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// One roll household in one run: asked about as a household of the run's batch for its township, then compared with the
/// evidence it was last confirmed on. Unique per run and roll household, so the database refuses comparing one twice.
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

    public decimal? NewIncome { get; private set; }

    public DateTime? ComparedAtUtc { get; private set; }

    public void Compared(ChangeKind change, Guid? confirmedEvaluationId, decimal? confirmedIncome, decimal? newIncome, DateTime now)
    {
        Change = ChangeNames.Of(change);
        ConfirmedEvaluationId = confirmedEvaluationId;
        ConfirmedIncome = confirmedIncome;
        NewIncome = newIncome;
        ComparedAtUtc = now;
    }
}
