using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// What one agency said about one member in one round, and when. It is awaited until the agency answers, refuses the
/// question or its deadline passes; that change happens once, by statements conditional on the state (see
/// <see cref="AgencyAnswerRecorder"/>, <see cref="DeadlineSweeper"/>). An answer arriving after that is kept beside it as
/// late evidence and changes nothing that was decided.
/// </summary>
public sealed class AgencyAnswerRecord
{
    public Guid Id { get; init; }
    public Guid QueryId { get; init; }
    public Guid BatchId { get; init; }
    public Guid HouseholdId { get; init; }
    public Guid RoundId { get; init; }
    public Guid MemberId { get; init; }
    public required string Source { get; init; }
    /// <summary>
    /// The keyed hash of the member's identity number, which only the member keeps (encrypted): answers are found by it,
    /// and it is the person's name in the audit trail.
    /// </summary>
    public required string IdHash { get; init; }

    public AnswerState State { get; init; } = AnswerState.Awaited;
    public FindingKind? Kind { get; init; }

    /// <summary>The agency's code for a refusal about this person, or for the whole question when <see cref="State"/> is refused.</summary>
    public string? RefusalCode { get; init; }

    /// <summary>
    /// The facts in the hub's vocabulary, as JSON: what the agency said, kept to explain the result. Null when it found
    /// no records (most answers, which then cost nothing to store or read).
    /// </summary>
    public string? FactsJson { get; init; }

    public DateTime? AnsweredAtUtc { get; init; }

    /// <summary>When an answer came after the deadline or a refusal had settled this record; null while none has.</summary>
    public DateTime? LateAtUtc { get; init; }

    /// <summary>Null with a <see cref="LateRefusalCode"/> when what came late was a refusal of the whole question.</summary>
    public FindingKind? LateKind { get; init; }

    public string? LateRefusalCode { get; init; }
    public string? LateFactsJson { get; init; }

    /// <summary>
    /// Not asked for this round: carried from an earlier round, or from the re-comparison chunk that compared it. Its
    /// question was recorded in the audit trail then (<see cref="Audit.AgencyQueryAudit"/>), and this round's settling
    /// does not record it again. Also set by the upgrade for answers settled before rounds were audited as they settle:
    /// those were recorded as they came.
    /// </summary>
    public bool Carried { get; init; }

    /// <summary>Whether a re-verification can count what is known here without asking again.</summary>
    public bool IsKnown => State == AnswerState.Answered || LateKind is not null;

    /// <summary>This answer carried into a later round: as it was if answered, or as its late answer if one came.</summary>
    public AgencyAnswerRecord CarryInto(Guid roundId, Guid memberId) => new()
    {
        Id = Guid.CreateVersion7(),
        QueryId = QueryId,
        BatchId = BatchId,
        HouseholdId = HouseholdId,
        RoundId = roundId,
        MemberId = memberId,
        Source = Source,
        IdHash = IdHash,
        State = AnswerState.Answered,
        Kind = State == AnswerState.Answered ? Kind : LateKind,
        RefusalCode = State == AnswerState.Answered ? RefusalCode : LateRefusalCode,
        FactsJson = State == AnswerState.Answered ? FactsJson : LateFactsJson,
        AnsweredAtUtc = State == AnswerState.Answered ? AnsweredAtUtc : LateAtUtc,
        Carried = true,
    };
}
