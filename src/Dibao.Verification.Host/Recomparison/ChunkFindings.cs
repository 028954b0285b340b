using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// What each source said about each person of a chunk, matched by position: a source's questions, in their order, each
/// asked about the next <see cref="AgencyQuery.Persons"/> persons of the roster. A question refused gives its persons the
/// refusal; one never answered, or a person an answer left out, is unavailable. Households whose authorization had run
/// out were not asked: every source is refused for them with <c>CONSENT_EXPIRED</c>, as at a batch's release.
/// </summary>
public sealed class ChunkFindings
{
    private readonly IReadOnlyList<string> _sources;
    private readonly Dictionary<(string Source, int Position), Said> _said = [];
    private readonly Dictionary<string, (int Asked, int Refused, int Unavailable)> _tallies = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _positions = [];

    private ChunkFindings(IReadOnlyList<string> sources) => _sources = sources;

    /// <param name="sources">Every source a chunk asks, whether or not it had anyone to ask about.</param>
    public static ChunkFindings Of(
        IReadOnlyList<ChunkHousehold> households, IReadOnlyList<string> sources, IReadOnlyList<AgencyQuery> questions, IReadOnlyDictionary<Guid, RecomparisonAnswer> answers)
    {
        var findings = new ChunkFindings(sources);
        var roster = households.Where(h => h.Asked).SelectMany(h => h.Members).ToList();
        for (var position = 0; position < roster.Count; position++)
        {
            findings._positions[roster[position].Id] = position;
        }

        foreach (var source in questions.GroupBy(q => q.Agency, StringComparer.Ordinal))
        {
            var start = 0;
            foreach (var question in source.OrderBy(q => q.Ordinal))
            {
                findings.Take(question, answers.GetValueOrDefault(question.Id), roster, start);
                start += question.Persons;
            }
        }

        return findings;
    }

    /// <summary>The household as a round of the given batch, with one answer per member and source.</summary>
    public ChunkRound RoundOf(ChunkHousehold household, Guid batchId)
    {
        var (householdId, roundId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var members = household.Members.Select(m => new Member
        {
            Id = Guid.CreateVersion7(), HouseholdId = householdId, RoundId = roundId, Ordinal = m.Ordinal, IdNumber = m.IdNumber, IdHash = m.IdHash, Name = m.Name, Relation = m.Relation,
        }).ToList();
        var answers = household.Members.Zip(members).SelectMany(pair => _sources.Select(source =>
        {
            var said = !household.Asked ? Said.ConsentExpired
                : _positions.TryGetValue(pair.First.Id, out var position) ? _said.GetValueOrDefault((source, position), Said.Nothing)
                : Said.Nothing;
            return new AgencyAnswerRecord
            {
                Id = Guid.CreateVersion7(),
                QueryId = said.QueryId,
                BatchId = batchId,
                HouseholdId = householdId,
                RoundId = roundId,
                MemberId = pair.Second.Id,
                Source = source,
                IdHash = pair.Second.IdHash,
                State = said.State,
                Kind = said.Kind,
                RefusalCode = said.RefusalCode,
                FactsJson = said.FactsJson,
                AnsweredAtUtc = said.AnsweredAtUtc,
                Carried = true,
            };
        })).ToLookup(a => a.MemberId);
        return new ChunkRound(householdId, roundId, members, answers);
    }

    public IReadOnlyList<RecomparisonTally> Tallies(RecomparisonChunk chunk) =>
        [.. _tallies.Select(t => new RecomparisonTally
        {
            ChunkId = chunk.Id, RunId = chunk.RunId, Source = t.Key, Asked = t.Value.Asked, Refused = t.Value.Refused, Unavailable = t.Value.Unavailable,
        })];

    private void Take(AgencyQuery question, RecomparisonAnswer? answer, IReadOnlyList<Roll.RollMember> roster, int start)
    {
        var findings = answer?.FindingsJson is { } json
            ? (JsonSerializer.Deserialize<List<PersonFinding>>(json, HubJson.Options) ?? []).DistinctBy(f => f.IdNumber, StringComparer.Ordinal).ToDictionary(f => f.IdNumber, StringComparer.Ordinal)
            : [];
        var (refused, unavailable) = (0, 0);
        for (var position = start; position < Math.Min(roster.Count, start + question.Persons); position++)
        {
            var said = answer switch
            {
                null => new Said(question.Id, AnswerState.Unavailable, null, null, null, null),
                { State: AnswerState.Refused } => new Said(question.Id, AnswerState.Refused, null, answer.RefusalCode, null, answer.AnsweredAtUtc),
                _ when findings.TryGetValue(roster[position].IdNumber, out var found) => new Said(
                    question.Id, AnswerState.Answered, found.Kind, found.RefusalCode,
                    found.Kind == FindingKind.RecordsFound ? JsonSerializer.Serialize(found.Facts, HubJson.Options) : null, answer.AnsweredAtUtc),
                _ => new Said(question.Id, AnswerState.Unavailable, null, null, null, null),
            };
            refused += said.State == AnswerState.Refused ? 1 : 0;
            unavailable += said.State == AnswerState.Unavailable ? 1 : 0;
            _said[(question.Agency, position)] = said;
        }

        var tally = _tallies.GetValueOrDefault(question.Agency);
        _tallies[question.Agency] = (tally.Asked + question.Persons, tally.Refused + refused, tally.Unavailable + unavailable);
    }

    /// <summary>One source's answer about one person, as the answer record's fields.</summary>
    private sealed record Said(Guid QueryId, AnswerState State, FindingKind? Kind, string? RefusalCode, string? FactsJson, DateTime? AnsweredAtUtc)
    {
        public static readonly Said Nothing = new(Guid.Empty, AnswerState.Unavailable, null, null, null, null);

        public static readonly Said ConsentExpired = new(Guid.Empty, AnswerState.Refused, null, ReasonCodes.ConsentExpired, null, null);
    }
}
