using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.StaffRelatives;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Settles the current round of households that await no answer any more: applies the policy once, appends the
/// evaluation, opens the case (or hands it the new round) and announces the result, all in the caller's unit of work.
/// A household whose evaluation throws is left out and named, so the others still settle.
/// </summary>
public sealed class RoundSettlement(
    HubDbContext db, PolicyProvider policy, HubMessages messages, CaseWorkflow cases, StaffRelativeRegister staffRelatives, RollRegister roll, RecomparisonSettlement recomparison, TimeProvider clock)
{
    /// <returns>The answers asked for the rounds settled, which the caller audits (<see cref="AgencyQueryAudit.Settled"/>) in
    /// the transaction that saves them; and the households that could not be evaluated, with what went wrong: nothing was added for them.</returns>
    public async Task<(IReadOnlyList<SettledAnswer> Asked, IReadOnlyList<(Guid HouseholdId, Exception Error)> Failures)> SettleAsync(
        IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        var households = await db.Households
            .Where(h => householdIds.Contains(h.Id) && h.CurrentEvaluationId == null)
            .ToListAsync(cancellationToken);
        var awaiting = await AwaitedRounds.AmongAsync(db, [.. households.Select(h => h.CurrentRoundId)], cancellationToken);
        var ready = households.Where(h => !awaiting.Contains(h.CurrentRoundId)).ToList();
        if (ready.Count == 0)
        {
            return ([], []);
        }

        var readyRounds = ready.Select(h => h.CurrentRoundId).ToList();
        var readyIds = ready.Select(h => h.Id).ToList();
        var members = (await db.Members.AsNoTracking().Where(m => readyRounds.Contains(m.RoundId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.RoundId);
        // Only what the policy and the audit read: a pass reads tens of thousands of answers.
        var answers = (await db.AgencyAnswers.AsNoTracking().Where(a => readyRounds.Contains(a.RoundId))
                .Select(a => new AgencyAnswerRecord
                {
                    MemberId = a.MemberId, QueryId = a.QueryId, Source = a.Source, IdHash = a.IdHash, State = a.State, Kind = a.Kind, RefusalCode = a.RefusalCode,
                    FactsJson = a.FactsJson, AnsweredAtUtc = a.AnsweredAtUtc, Carried = a.Carried,
                })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.MemberId);
        var queryIds = answers.SelectMany(member => member).Select(a => a.QueryId).Distinct().ToList();
        var askedBy = await AskersAsync(queryIds, cancellationToken);
        // Read with the answers, so the evaluation stored is the register as it stood when the round settled.
        var ties = await staffRelatives.TiesAsync(members.SelectMany(round => round).Select(m => m.IdNumber), cancellationToken);
        var enrolments = await roll.EnrolmentsAsync(members.SelectMany(round => round).Select(m => m.IdNumber), cancellationToken);
        var batchIds = ready.Select(h => h.BatchId).Distinct().ToList();
        var batches = await db.Batches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var openCases = await db.Cases.Include(c => c.History)
            .Where(c => readyIds.Contains(c.HouseholdId))
            .ToDictionaryAsync(c => c.HouseholdId, cancellationToken);
        await recomparison.PrepareAsync([.. ready.Where(h => batches[h.BatchId].Purpose == RecomparisonChunks.Purpose).Select(h => h.Id)], cancellationToken);
        var disputes = (await db.Disputes.Where(d => readyIds.Contains(d.HouseholdId) && d.AnsweredAtUtc == null).ToListAsync(cancellationToken))
            .ToLookup(d => d.HouseholdId);

        var asked = new List<SettledAnswer>();
        var failures = new List<(Guid, Exception)>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var household in ready)
        {
            var batch = batches[household.BatchId];
            HouseholdEvaluation evaluation;
            string reasonsJson;
            string? declarationsJson;
            try
            {
                var roundMembers = members[household.CurrentRoundId].OrderBy(m => m.Ordinal).ToList();
                var evidence = RoundEvidence.Of(
                    batch.AsOf, batch.Township, household.Ref, roundMembers, answers, query => askedBy.GetValueOrDefault(query)?.Window, ties, enrolments);
                evaluation = HouseholdEvaluator.Evaluate(evidence, policy.Require(batch.Township));
                reasonsJson = JsonSerializer.Serialize(evaluation.Reasons, HubJson.Options);
                declarationsJson = evaluation.Declarations is { } declarations ? JsonSerializer.Serialize(declarations, HubJson.Options) : null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Nothing here waits on the token: unless the hub is stopping, a cancellation is this household's failure,
                // not the pass's.
                failures.Add((household.Id, ex));
                continue;
            }

            var record = new RoundEvaluation
            {
                Id = Guid.CreateVersion7(),
                RoundId = household.CurrentRoundId,
                HouseholdId = household.Id,
                BatchId = household.BatchId,
                RoundNumber = household.CurrentRound,
                Outcome = evaluation.Outcome,
                PerCapitaMonthlyIncome = evaluation.PerCapitaMonthlyIncome,
                PerCapitaFinancialAssets = evaluation.PerCapitaFinancialAssets,
                ReasonsJson = reasonsJson,
                DeclarationsJson = declarationsJson,
                PolicyName = policy.Document.Name,
                PolicyHash = policy.Hash,
                EvaluatedAtUtc = now,
            };
            db.Evaluations.Add(record);
            if (!household.RoundAudited)
            {
                asked.AddRange(Asked(household, members[household.CurrentRoundId].SelectMany(m => answers[m.Id]), askedBy, batch.Township));
            }

            household.Settled(record.Id, now);
            var reasonCodes = evaluation.Reasons.Select(r => r.Code).ToList();
            if (batch.Purpose != RecomparisonChunks.Purpose)
            {
                // A recipient's nightly comparison is no application's result: hundreds of thousands a night would
                // flood subscribers, and a change is announced when its case is confirmed (HouseholdVerificationConfirmed).
                messages.Publish(new HouseholdVerificationCompleted(
                    batch.Id, household.Ref, batch.Township, OutcomeNames.Of(evaluation.Outcome), reasonCodes, clock.GetUtcNow()));
            }

            // In the same unit of work, so a settled household never lacks its case.
            var signed = new CaseEvaluation(record.Id, record.RoundNumber, record.Outcome, evaluation.Reasons.Any(r => r.Severity == ReasonSeverity.Review));
            var existing = openCases.GetValueOrDefault(household.Id);
            if (batch.Purpose == RecomparisonChunks.Purpose && existing is null)
            {
                // A recipient's round opens a case only when it changed since confirmed.
                await recomparison.SettledAsync(batch, household, record, evaluation, signed, reasonCodes, cancellationToken);
            }
            else
            {
                await cases.SettledAsync(batch, household, existing, signed, reasonCodes, cancellationToken);
            }

            foreach (var dispute in disputes[household.Id].Where(d => d.Round == household.CurrentRound))
            {
                dispute.Answered(evaluation.Outcome, now);
                openCases[household.Id].DisputeAnswered(DisputeSummary.Of(dispute), now);
            }
        }

        return (asked, failures);
    }

    /// <summary>
    /// The answers asked for the household's current round, for the audit trail when the round is parked on an error
    /// rather than settled. Their facts are not read: they may be what the round could not be evaluated on.
    /// </summary>
    public async Task<IReadOnlyList<SettledAnswer>> AskedAsync(Household household, CancellationToken cancellationToken)
    {
        var answers = await db.AgencyAnswers.AsNoTracking().Where(a => a.RoundId == household.CurrentRoundId)
            .Select(a => new AgencyAnswerRecord
            {
                QueryId = a.QueryId, Source = a.Source, IdHash = a.IdHash, State = a.State, Kind = a.Kind, RefusalCode = a.RefusalCode,
                AnsweredAtUtc = a.AnsweredAtUtc, Carried = a.Carried,
            })
            .ToListAsync(cancellationToken);
        var askedBy = await AskersAsync([.. answers.Select(a => a.QueryId).Distinct()], cancellationToken);
        var township = await db.Batches.AsNoTracking().Where(b => b.Id == household.BatchId).Select(b => b.Township).SingleAsync(cancellationToken);
        return Asked(household, answers, askedBy, township);
    }

    /// <remarks>An answer carried from an earlier round was audited when that round settled.</remarks>
    private static List<SettledAnswer> Asked(Household household, IEnumerable<AgencyAnswerRecord> answers, Dictionary<Guid, Asker> askedBy, string township) =>
    [
        .. answers.Where(a => !a.Carried).Select(a => new SettledAnswer(
            household.CurrentRoundId, household.Id, a.IdHash, a.Source, a.State, a.Kind, a.RefusalCode, a.AnsweredAtUtc, askedBy[a.QueryId].DeadlineUtc,
            askedBy[a.QueryId].RequestedBy, askedBy[a.QueryId].Purpose, township)),
    ];

    private Task<Dictionary<Guid, Asker>> AskersAsync(List<Guid> queryIds, CancellationToken cancellationToken) =>
        db.AgencyQueries.AsNoTracking()
            .Where(q => queryIds.Contains(q.Id))
            .Select(q => new Asker(q.Id, q.RequestedBy, q.Purpose, q.DeadlineUtc, q.IncomeFromMonth, q.IncomeToMonth))
            .ToDictionaryAsync(q => q.Id, cancellationToken);

    private sealed record Asker(Guid Id, string RequestedBy, string Purpose, DateTime? DeadlineUtc, DateOnly? IncomeFromMonth, DateOnly? IncomeToMonth)
    {
        public IncomeWindow? Window { get; } = AgencyQuery.WindowOf(IncomeFromMonth, IncomeToMonth);
    }
}
