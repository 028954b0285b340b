using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Late answers to questions of a household's earlier rounds that its current round does not know. A return asks again
/// what a round lacked with a new question; when the earlier question's answer lands after that, it is kept on the earlier
/// round's record, and the current round, waiting on its own question, never sees it. Should that question go unanswered
/// too, the next round counts the late answer rather than asking the agency a third time, and the case shows it.
/// </summary>
public static class EarlierLateAnswers
{
    /// <summary>
    /// Whether the household's current round has late evidence: a late answer to one of its own questions, or one that
    /// <see cref="FindAsync"/> finds in an earlier round. Either lets the township return the case to count it.
    /// </summary>
    public static async Task<bool> AnyAsync(HubDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        var roundId = await db.Households.Where(h => h.Id == householdId).Select(h => h.CurrentRoundId).SingleAsync(cancellationToken);
        var answers = await db.AgencyAnswers.AsNoTracking().Where(a => a.RoundId == roundId).ToListAsync(cancellationToken);
        if (answers.Any(a => a.LateAtUtc != null))
        {
            return true;
        }

        var members = await db.Members.AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(cancellationToken);
        return (await FindAsync(db, householdId, roundId, answers, members, cancellationToken)).Count > 0;
    }

    /// <summary>
    /// For each answer of the current round not known (<see cref="AgencyAnswerRecord.IsKnown"/>), the most recent late
    /// answer about the same person from the same source in an earlier round, by the current answer's id. Walking back
    /// round by round, a late answer counts only when it came after the round following it had started: one that came
    /// before was already weighed when that round was built, and is not carried only because it was asked again on
    /// purpose (a dispute, a window the policy no longer covers). The walk stops at an answer known in time, and at a
    /// round that knew the person by another name or relation: a correction asked about them afresh.
    /// </summary>
    public static async Task<Dictionary<Guid, AgencyAnswerRecord>> FindAsync(
        HubDbContext db, Guid householdId, Guid currentRoundId, IEnumerable<AgencyAnswerRecord> currentAnswers, IEnumerable<Member> currentMembers,
        CancellationToken cancellationToken)
    {
        var unknown = currentAnswers.Where(a => !a.IsKnown).ToList();
        if (unknown.Count == 0)
        {
            return [];
        }

        var rounds = await db.Rounds.AsNoTracking().Where(r => r.HouseholdId == householdId).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        var current = rounds.FindIndex(r => r.Id == currentRoundId);
        if (current < 0 || current == rounds.Count - 1)
        {
            return [];
        }

        var earlier = await db.AgencyAnswers.AsNoTracking()
            .Where(a => a.HouseholdId == householdId && a.RoundId != currentRoundId)
            .ToListAsync(cancellationToken);
        var answers = earlier.ToDictionary(a => (a.RoundId, a.IdHash, a.Source));
        var members = (await db.Members.AsNoTracking().Where(m => m.HouseholdId == householdId && m.RoundId != currentRoundId).ToListAsync(cancellationToken))
            .ToDictionary(m => m.Id);
        var memberOf = currentMembers.ToDictionary(m => m.Id);

        var found = new Dictionary<Guid, AgencyAnswerRecord>();
        foreach (var answer in unknown)
        {
            var person = memberOf[answer.MemberId];
            for (var i = current + 1; i < rounds.Count; i++)
            {
                if (!answers.TryGetValue((rounds[i].Id, answer.IdHash, answer.Source), out var before)
                    || before.State == AnswerState.Answered
                    || members[before.MemberId] is var then && (then.Name != person.Name || then.Relation != person.Relation))
                {
                    break;
                }

                if (before.LateKind is not null)
                {
                    if (before.LateAtUtc >= rounds[i - 1].StartedAtUtc)
                    {
                        found[answer.Id] = before;
                    }

                    break;
                }
            }
        }

        return found;
    }
}
