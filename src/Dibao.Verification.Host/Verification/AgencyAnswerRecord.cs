using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// What one agency said about one member in one round, and when. It is awaited until the agency answers, refuses the
/// question or its deadline passes; that change happens once (the state is a concurrency token). An answer arriving
/// after that is kept beside it as late evidence and changes nothing that was decided.
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
    public required string IdNumber { get; init; }
    public DateTime DeadlineUtc { get; init; }

    public AnswerState State { get; set; } = AnswerState.Awaited;
    public FindingKind? Kind { get; set; }

    /// <summary>The agency's code for a refusal about this person, or for the whole question when <see cref="State"/> is refused.</summary>
    public string? RefusalCode { get; set; }

    /// <summary>The facts in the hub's vocabulary, as JSON: what the agency said, kept to explain the result.</summary>
    public string? FactsJson { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>When an answer came after the deadline or a refusal had settled this record; null while none has.</summary>
    public DateTime? LateAtUtc { get; set; }

    /// <summary>Null with a <see cref="LateRefusalCode"/> when what came late was a refusal of the whole question.</summary>
    public FindingKind? LateKind { get; set; }

    public string? LateRefusalCode { get; set; }
    public string? LateFactsJson { get; set; }

    public bool IsAwaited => State == AnswerState.Awaited;

    /// <summary>Whether a re-verification can count what is known here without asking again.</summary>
    public bool IsKnown => State == AnswerState.Answered || LateKind is not null;

    public void Answer(PersonFinding finding, string factsJson, DateTime at)
    {
        State = AnswerState.Answered;
        Kind = finding.Kind;
        RefusalCode = finding.RefusalCode;
        FactsJson = factsJson;
        AnsweredAtUtc = at;
    }

    public void RefuseQuery(string code, DateTime at)
    {
        State = AnswerState.Refused;
        RefusalCode = code;
        AnsweredAtUtc = at;
    }

    /// <summary>Keeps the first late answer only: a redelivered one must not replace what was kept.</summary>
    public void KeepLate(FindingKind? kind, string? refusalCode, string? factsJson, DateTime at)
    {
        if (LateAtUtc is not null)
        {
            return;
        }

        LateAtUtc = at;
        LateKind = kind;
        LateRefusalCode = refusalCode;
        LateFactsJson = factsJson;
    }

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
        IdNumber = IdNumber,
        DeadlineUtc = DeadlineUtc,
        State = AnswerState.Answered,
        Kind = State == AnswerState.Answered ? Kind : LateKind,
        RefusalCode = State == AnswerState.Answered ? RefusalCode : LateRefusalCode,
        FactsJson = State == AnswerState.Answered ? FactsJson : LateFactsJson,
        AnsweredAtUtc = State == AnswerState.Answered ? AnsweredAtUtc : LateAtUtc,
    };
}
