using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Starts a new round of a household's verification, in the caller's unit of work, and never all of it afresh: every
/// answer already known, in time or late (to this round's question or to an earlier round's, see
/// <see cref="EarlierLateAnswers"/>), is carried over, and only what is missing, or the members a correction
/// changed, is asked again. The earlier rounds stay as they were. The case waits in <see cref="CaseState.Verifying"/>
/// until the new round settles. When everything was already known the new round can settle at once: the caller queues
/// the household for the evaluation worker once its unit of work is committed, either way.
/// </summary>
public sealed class CaseReverification(HubDbContext db, AgencyQueryPlanner planner, PolicyProvider policy, PersonalDataProtector personalData, TimeProvider clock)
{
    /// <summary>The same members again; agencies that did not answer in time, or refused, are asked again about them.</summary>
    /// <param name="by">The user whose decision asks again, recorded with the queries.</param>
    public async Task MissingAnswersAsync(Household household, string by, CancellationToken cancellationToken)
    {
        var (batch, previous, answers, askAgain) = await CurrentAsync(household, cancellationToken);
        var round = Start(household, RoundCauses.Reverification);
        Carry(batch, round, [.. previous.Select(m => (m, m.CopyInto(round.Id, m.Ordinal)))], answers, [], new QueryCause(by, RoundCauses.Reverification), askAgain);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// An applicant disputes what <paramref name="agency"/> said (复查): the same members again, every answer carried
    /// over but that agency's about the disputed member (every member when <paramref name="idNumber"/> is null), which
    /// is asked again.
    /// </summary>
    /// <param name="by">The caseworker who recorded the dispute, recorded with the queries.</param>
    public async Task DisputedAsync(Household household, string agency, string? idNumber, string by, CancellationToken cancellationToken)
    {
        var (batch, previous, answers, askAgain) = await CurrentAsync(household, cancellationToken);
        var round = Start(household, RoundCauses.Dispute);
        var disputed = previous.Where(m => idNumber is null || m.IdNumber == idNumber).Select(m => m.Id).ToHashSet();
        Carry(batch, round, [.. previous.Select(m => (m, m.CopyInto(round.Id, m.Ordinal)))], answers, [], new QueryCause(by, RoundCauses.Dispute),
            (member, answer) => askAgain(member, answer) || (disputed.Contains(member.Id) && AgencyCodes.AgencyOf(answer.Source) == agency));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The corrected member list. A member whose identity number, name and relation are unchanged keeps what the
    /// agencies said; every other one is asked about afresh. What a person declared stays with them, whatever else the
    /// correction changes about them, unless it declares anew: a correction form carries no declarations.
    /// </summary>
    /// <param name="by">The caseworker who corrected, recorded with the queries.</param>
    public async Task CorrectedAsync(Household household, IReadOnlyList<MemberRequest> corrected, string by, CancellationToken cancellationToken)
    {
        var (batch, previous, answers, askAgain) = await CurrentAsync(household, cancellationToken);
        var round = Start(household, RoundCauses.Correction);
        var kept = new List<(Member, Member)>();
        var added = new List<Member>();
        var used = new HashSet<Guid>();
        foreach (var (request, ordinal) in corrected.Select((m, i) => (m, i)))
        {
            var same = previous.FirstOrDefault(m => !used.Contains(m.Id) && Same(m, request));
            if (same is null)
            {
                added.Add(Member.From(request, household.Id, round.Id, ordinal, personalData, previous.FirstOrDefault(m => m.IdNumber == request.IdNumber)));
                continue;
            }

            used.Add(same.Id);
            kept.Add((same, same.CopyInto(round.Id, ordinal, request)));
        }

        Carry(batch, round, kept, answers, added, new QueryCause(by, RoundCauses.Correction), askAgain);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether the corrected list differs from the household's current members at all.</summary>
    public async Task<bool> ChangesAnythingAsync(Guid householdId, IReadOnlyList<MemberRequest> corrected, CancellationToken cancellationToken)
    {
        var roundId = await db.Households.Where(h => h.Id == householdId).Select(h => h.CurrentRoundId).SingleAsync(cancellationToken);
        var current = await db.Members.AsNoTracking().Where(m => m.RoundId == roundId).OrderBy(m => m.Ordinal).ToListAsync(cancellationToken);
        return current.Count != corrected.Count || current.Zip(corrected).Any(p => !Same(p.First, p.Second) || p.First.RedeclaredBy(p.Second));
    }

    /// <summary>Whether the corrected members include an identity number the household's current round does not.</summary>
    public async Task<bool> AddsMembersAsync(Household household, IReadOnlyList<MemberRequest> corrected, CancellationToken cancellationToken)
    {
        var current = await db.Members.AsNoTracking().Where(m => m.RoundId == household.CurrentRoundId).Select(m => m.IdNumber).ToListAsync(cancellationToken);
        return corrected.Any(m => m.IdNumber is not { } id || !current.Contains(id));
    }

    private static bool Same(Member member, MemberRequest request) =>
        member.IdNumber == request.IdNumber && member.Name == request.Name && member.Relation == request.Relation;

    /// <returns>The round's batch, members and answers, and which known answers to ask again all the same.</returns>
    private async Task<(Batch Batch, List<Member> Members, ILookup<Guid, AgencyAnswerRecord> Answers, Func<Member, AgencyAnswerRecord, bool> AskAgain)> CurrentAsync(
        Household household, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().SingleAsync(b => b.Id == household.BatchId, cancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => m.RoundId == household.CurrentRoundId).OrderBy(m => m.Ordinal).ToListAsync(cancellationToken);
        var rows = await db.AgencyAnswers.AsNoTracking().Where(a => a.RoundId == household.CurrentRoundId).ToListAsync(cancellationToken);
        var late = await EarlierLateAnswers.FindAsync(db, household.Id, household.CurrentRoundId, rows, members, cancellationToken);
        var answers = rows.ToLookup(a => a.MemberId, a => late.GetValueOrDefault(a.Id) ?? a);

        // The tax bureau answered for the income window it was asked about, and the new round is evaluated over the window
        // of the policy loaded now: an answer that does not cover it would leave the household incomplete again
        // (INCOME_WINDOW_NOT_COVERED), so it is asked again. That is also the round settled after a longer window was
        // loaded while the answer was awaited: evaluated under the new policy, it names the policy loaded now.
        var window = IncomeWindow.Before(batch.AsOf, policy.Require(batch.Township).IncomeLookbackMonths);
        var asked = answers.SelectMany(member => member).Where(a => a.Source == AgencyCodes.Tax).Select(a => a.QueryId).Distinct().ToList();
        var windows = (await db.AgencyQueries.AsNoTracking()
                .Where(q => asked.Contains(q.Id))
                .Select(q => new { q.Id, q.IncomeFromMonth, q.IncomeToMonth })
                .ToListAsync(cancellationToken))
            .ToDictionary(q => q.Id, q => AgencyQuery.WindowOf(q.IncomeFromMonth, q.IncomeToMonth));
        var uncovered = windows.Where(q => q.Value is { } questioned && !questioned.Covers(window)).Select(q => q.Key).ToHashSet();

        // A question planned before windows were recorded names none: it was asked under the window of the policy loaded
        // then, which only that policy's hash still tells. A change of policy asks those again; a question whose window is
        // recorded is asked again only when it does not cover the window of the policy loaded now, whatever else changed
        // (a new year's standard reads the same wages).
        var windowless = windows.Where(q => q.Value is null).Select(q => q.Key).ToHashSet();
        var policyChanged = windowless.Count > 0 && await db.Evaluations.AsNoTracking()
            .Where(e => e.Id == household.CurrentEvaluationId)
            .Select(e => e.PolicyHash)
            .SingleOrDefaultAsync(cancellationToken) != policy.Hash;
        return (batch, members, answers, (_, answer) => answer.Source == AgencyCodes.Tax
            && (uncovered.Contains(answer.QueryId) || (policyChanged && windowless.Contains(answer.QueryId))));
    }

    private VerificationRound Start(Household household, string cause)
    {
        var round = new VerificationRound
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = household.Id,
            BatchId = household.BatchId,
            Number = household.CurrentRound + 1,
            Cause = cause,
            StartedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Rounds.Add(round);
        household.StartRound(round.Id, round.Number);
        return round;
    }

    /// <summary>Copies the kept members with what is known about them, and asks about the rest: every source for new members.</summary>
    /// <param name="askAgain">Known answers (by the earlier member) to ask again all the same.</param>
    private void Carry(
        Batch batch,
        VerificationRound round,
        IReadOnlyList<(Member Previous, Member Next)> kept,
        ILookup<Guid, AgencyAnswerRecord> answers,
        IReadOnlyList<Member> added,
        QueryCause cause,
        Func<Member, AgencyAnswerRecord, bool>? askAgain = null)
    {
        var missing = new Dictionary<string, List<Member>>(StringComparer.Ordinal);
        foreach (var (previous, next) in kept)
        {
            db.Members.Add(next);
            foreach (var answer in answers[previous.Id])
            {
                if (answer.IsKnown && askAgain?.Invoke(previous, answer) != true)
                {
                    db.AgencyAnswers.Add(answer.CarryInto(round.Id, next.Id));
                }
                else
                {
                    (missing.TryGetValue(answer.Source, out var members) ? members : missing[answer.Source] = []).Add(next);
                }
            }
        }

        var parameters = policy.Require(batch.Township);
        foreach (var (source, members) in missing)
        {
            db.AgencyAnswers.AddRange(planner.Plan(batch, members, parameters, cause, [source]));
        }

        db.Members.AddRange(added);
        db.AgencyAnswers.AddRange(planner.Plan(batch, added, parameters, cause));
    }
}
