namespace Dibao.Verification.Host.Batches;

/// <summary>
/// An applicant household. What it was verified on lives in its rounds (<see cref="Verification.VerificationRound"/>),
/// which are only ever appended; the household points at the current one and at that round's evaluation once settled.
/// </summary>
public sealed class Household
{
    public const int MaxRefLength = 64;
    public const int MaxConsentRefLength = 64;
    public const int MaxEvaluationErrorLength = 1000;

    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public int Ordinal { get; init; }
    public required string Ref { get; init; }

    /// <summary>The household's signed authorization (授权书) the agencies are asked under; a correction adding or replacing a member brings a new one.</summary>
    public string ConsentRef { get; private set; } = "";

    /// <summary>When the authorization was signed; it is valid for <c>Consent:ValidFor</c> months from then.</summary>
    public DateOnly ConsentSignedOn { get; private set; }

    public Guid CurrentRoundId { get; private set; }

    /// <summary>1 for the submission, one more for each correction or re-verification.</summary>
    public int CurrentRound { get; private set; }

    /// <summary>The current round's evaluation; null while its answers are awaited.</summary>
    public Guid? CurrentEvaluationId { get; private set; }

    /// <summary>When the current round stopped awaiting anything: evaluated, or parked on an error.</summary>
    public DateTime? SettledAtUtc { get; private set; }

    /// <summary>
    /// Why the current round could not be evaluated, after retries; an operator's matter, not a result. A restart
    /// tries such a household again, so fixing the cause (a policy file, say) and restarting settles it.
    /// </summary>
    public string? EvaluationError { get; private set; }

    /// <summary>
    /// The round whose agency answers are in the audit trail: recorded when it settles, or when it is parked on an error,
    /// as its members were asked about either way. A parked round that settles later is not recorded twice.
    /// </summary>
    public int? AuditedRound { get; private set; }

    /// <summary>Bumped on every change so that two concurrent writers cannot both win.</summary>
    public int Version { get; private set; }

    public void Consented(string consentRef, DateOnly signedOn)
    {
        ConsentRef = consentRef;
        ConsentSignedOn = signedOn;
        Version++;
    }

    public void StartRound(Guid roundId, int number)
    {
        CurrentRoundId = roundId;
        CurrentRound = number;
        CurrentEvaluationId = null;
        SettledAtUtc = null;
        EvaluationError = null;
        Version++;
    }

    /// <summary>Whether the current round's answers are in the audit trail already: it was parked before.</summary>
    public bool RoundAudited => AuditedRound == CurrentRound;

    /// <summary>
    /// Settled on its evaluation. The caller records the round's answers in the audit trail with it, unless
    /// <see cref="RoundAudited"/> said, before this call, that they are there already.
    /// </summary>
    public void Settled(Guid evaluationId, DateTime now)
    {
        CurrentEvaluationId = evaluationId;
        SettledAtUtc = now;
        EvaluationError = null;
        AuditedRound = CurrentRound;
        Version++;
    }

    /// <summary>
    /// Parked on an error. The caller records the round's answers in the audit trail with it, unless
    /// <see cref="RoundAudited"/> said, before this call, that they are there already.
    /// </summary>
    public void Parked(string error, DateTime now)
    {
        EvaluationError = error;
        SettledAtUtc = now;
        AuditedRound = CurrentRound;
        Version++;
    }
}
