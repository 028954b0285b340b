using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// What the policy is applied to for one round: its members with their agencies' answers, the staff ties and the
/// enrolments on the roll. One place, so a re-comparison compared in memory is judged exactly as its round is when settled.
/// </summary>
public static class RoundEvidence
{
    /// <param name="members">The round's members, in their order.</param>
    /// <param name="answers">The round's answers by member id.</param>
    /// <param name="askedWindow">
    /// The income window the hub recorded for a question, by its id (<see cref="AgencyQuery.AskedWindow"/>): an answer is
    /// read over what was asked, not over what the policy loaded now would ask. Null when none was recorded.
    /// </param>
    public static HouseholdEvidence Of(
        DateOnly asOf, string township, string householdRef, IReadOnlyList<Member> members, ILookup<Guid, AgencyAnswerRecord> answers,
        Func<Guid, IncomeWindow?> askedWindow, ILookup<string, StaffTie> ties, ILookup<string, Enrolment> enrolments) =>
        new(
            asOf,
            [.. members.Select(m => ToEvidence(m, answers[m.Id], askedWindow))],
            // An entry binds its staff member where they work: outside it they cannot sign the case, and an admin there
            // could otherwise put any household anywhere to review.
            [.. members.SelectMany(m => ties[m.IdNumber]).Where(t => township.StartsWith(t.Jurisdiction, StringComparison.Ordinal))],
            // The household itself, once on the roll, is no duplicate of itself.
            [.. members.SelectMany(m => enrolments[m.IdNumber]).Where(e => e.Township != township || e.HouseholdRef != householdRef)]);

    private static MemberEvidence ToEvidence(Member member, IEnumerable<AgencyAnswerRecord> records, Func<Guid, IncomeWindow?> askedWindow) =>
        new(member.IdNumber, member.Name, [.. records.OrderBy(r => r.Source, StringComparer.Ordinal).Select(r => ToAnswer(member, r, askedWindow))],
            member.DeclaredMonthlyIncome is null && member.DeclaredFinancialAssets is null ? null : new Declaration(member.DeclaredMonthlyIncome, member.DeclaredFinancialAssets));

    private static AgencyAnswer ToAnswer(Member member, AgencyAnswerRecord record, Func<Guid, IncomeWindow?> askedWindow) => record.State switch
    {
        AnswerState.Answered => AgencyAnswer.Answered(
            record.Source,
            new PersonFinding(
                member.IdNumber,
                record.Kind ?? FindingKind.NoRecords,
                record.RefusalCode,
                record.FactsJson is null ? new PersonFacts() : JsonSerializer.Deserialize<PersonFacts>(record.FactsJson, HubJson.Options)!),
            askedWindow(record.QueryId)),
        AnswerState.Refused => AgencyAnswer.QueryRefused(record.Source, record.RefusalCode ?? "UNKNOWN"),
        AnswerState.Unavailable => AgencyAnswer.Unavailable(record.Source),
        _ => AgencyAnswer.Awaited(record.Source),
    };
}
