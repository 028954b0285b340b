using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>A chunk's answers are matched to persons by position: each question covers the next persons it counted.</summary>
public sealed class ChunkFindingsTests
{
    private static readonly DateTime At = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Sources = ["tax", "vehicle"];

    [Fact]
    public void Each_question_answers_for_the_persons_at_its_positions_and_a_person_left_out_is_unavailable()
    {
        var (first, second) = (Household("A", 2, asked: true), Household("B", 2, asked: true));
        var tax = new[] { Question("tax", 0, 3), Question("tax", 1, 1) };
        var vehicle = Question("vehicle", 0, 4);
        var answers = new Dictionary<Guid, RecomparisonAnswer>
        {
            // The first question leaves out its third person; the second answers for the last.
            [tax[0].Id] = Answered(tax[0], NoRecords(first.Members[0]), Found(first.Members[1])),
            [tax[1].Id] = Answered(tax[1], NoRecords(second.Members[1])),
            [vehicle.Id] = new() { Id = vehicle.Id, ChunkId = Guid.Empty, Source = "vehicle", State = AnswerState.Refused, RefusalCode = "QUOTA", AnsweredAtUtc = At },
        };

        var findings = ChunkFindings.Of([first, second], Sources, [.. tax, vehicle], answers);

        var a = findings.RoundOf(first, Guid.Empty);
        Said(a, 0, "tax").ShouldBe((AnswerState.Answered, FindingKind.NoRecords, null));
        Said(a, 1, "tax").ShouldBe((AnswerState.Answered, FindingKind.RecordsFound, null));
        a.Answers[a.Members[1].Id].Single(r => r.Source == "tax").FactsJson.ShouldNotBeNull();
        Said(a, 0, "vehicle").ShouldBe((AnswerState.Refused, null, "QUOTA"));
        var b = findings.RoundOf(second, Guid.Empty);
        Said(b, 0, "tax").ShouldBe((AnswerState.Unavailable, null, null), "the first question counted this person and left them out");
        Said(b, 1, "tax").ShouldBe((AnswerState.Answered, FindingKind.NoRecords, null));
        b.Members.Select(m => m.IdNumber).ShouldBe(second.Members.Select(m => m.IdNumber));

        var tallies = findings.Tallies(new RecomparisonChunk { Id = Guid.NewGuid(), Township = "220105001", LastRef = "B" }).ToDictionary(t => t.Source);
        (tallies["tax"].Asked, tallies["tax"].Refused, tallies["tax"].Unavailable).ShouldBe((4, 0, 1));
        (tallies["vehicle"].Asked, tallies["vehicle"].Refused, tallies["vehicle"].Unavailable).ShouldBe((4, 4, 0));
    }

    [Fact]
    public void A_question_never_answered_leaves_its_persons_unavailable_and_a_household_not_asked_is_refused_for_its_authorization()
    {
        var (expired, asked) = (Household("A", 2, asked: false), Household("B", 1, asked: true));
        var tax = Question("tax", 0, 1);
        var vehicle = Question("vehicle", 0, 1);
        var answers = new Dictionary<Guid, RecomparisonAnswer> { [vehicle.Id] = Answered(vehicle, NoRecords(asked.Members[0])) };

        var findings = ChunkFindings.Of([expired, asked], Sources, [tax, vehicle], answers);

        var b = findings.RoundOf(asked, Guid.Empty);
        Said(b, 0, "tax").ShouldBe((AnswerState.Unavailable, null, null));
        Said(b, 0, "vehicle").ShouldBe((AnswerState.Answered, FindingKind.NoRecords, null), "the household not asked takes no position");
        var a = findings.RoundOf(expired, Guid.Empty);
        a.Answers.SelectMany(r => r).Count().ShouldBe(expired.Members.Count * Sources.Length);
        a.Answers.SelectMany(r => r).ShouldAllBe(r => r.State == AnswerState.Refused && r.RefusalCode == ReasonCodes.ConsentExpired);
    }

    private static (AnswerState, FindingKind?, string?) Said(ChunkRound round, int member, string source)
    {
        var record = round.Answers[round.Members[member].Id].Single(r => r.Source == source);
        return (record.State, record.Kind, record.RefusalCode);
    }

    private static ChunkHousehold Household(string reference, int members, bool asked)
    {
        var household = new RollHousehold
        {
            Id = Guid.NewGuid(), Township = "220105001", Ref = reference, ConsentRef = "c-" + reference, Source = RollSources.Import, JoinedBy = "test",
        };
        return new ChunkHousehold(household, [.. Enumerable.Range(0, members).Select(i => new RollMember
        {
            Id = Guid.NewGuid(), RollHouseholdId = household.Id, Ordinal = i, IdNumber = $"{reference}-{i}", IdHash = $"hash-{reference}-{i}", Name = "N", Relation = "self",
        })], asked);
    }

    private static AgencyQuery Question(string source, int ordinal, int persons) =>
        new() { Id = Guid.NewGuid(), Agency = source, Ordinal = ordinal, Persons = persons, DeadlineUtc = At.AddHours(1) };

    private static RecomparisonAnswer Answered(AgencyQuery question, params PersonFinding[] findings) => new()
    {
        Id = question.Id, ChunkId = Guid.Empty, Source = question.Agency, State = AnswerState.Answered, AnsweredAtUtc = At,
        FindingsJson = JsonSerializer.Serialize(findings, HubJson.Options),
    };

    private static PersonFinding NoRecords(RollMember member) => new(member.IdNumber, FindingKind.NoRecords, null, new PersonFacts());

    private static PersonFinding Found(RollMember member) => new(member.IdNumber, FindingKind.RecordsFound, null, new PersonFacts());
}
