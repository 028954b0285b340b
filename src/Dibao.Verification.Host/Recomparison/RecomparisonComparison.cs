using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.StaffRelatives;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Compares a chunk once every question of it is answered, refused or past its deadline: applies the policy to each
/// household in memory, exactly as its round would be settled (<see cref="RoundEvidence"/>), and compares the outcome
/// with the evidence it was last confirmed on. An unchanged household costs a count; one that changed gets a household,
/// a round with its members and answers and a <see cref="RecomparisonItem"/>, and is handed to the evaluation worker,
/// which opens its case. An imported household compared unchanged with no evidence or baseline keeps the income per
/// head found as its baseline. Every person asked about gets one audit entry naming each source's answer. All in one
/// transaction that marks the chunk compared, so no chunk is compared twice, whichever instance gets there.
/// </summary>
public sealed partial class RecomparisonComparison(
    HubDbContext db,
    AgencyQueryPlanner planner,
    PolicyProvider policy,
    StaffRelativeRegister staffRelatives,
    RollRegister roll,
    AuditTrail trail,
    EvaluationQueue evaluations,
    IOptions<RecomparisonOptions> options,
    IOptions<ConsentOptions> consent,
    TimeProvider clock,
    ILogger<RecomparisonComparison> logger)
{
    /// <summary>The audit outcome, after <c>compared:</c>, of a household no longer on the roll when its chunk was compared.</summary>
    public const string LeftRoll = "left-roll";

    /// <returns>Whether a chunk of the run was ready; there may be another at once.</returns>
    public async Task<bool> CompareNextAsync(Guid runId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var chunk = await db.RecomparisonChunks.AsNoTracking()
            .Where(c => c.RunId == runId && c.ComparedAtUtc == null)
            .Where(c => !db.AgencyQueries.Any(q => q.BatchId == c.Id && !db.RecomparisonAnswers.Any(a => a.Id == q.Id) && (q.DeadlineUtc == null || q.DeadlineUtc > now)))
            .OrderBy(c => c.TakenAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (chunk is null)
        {
            return false;
        }

        var changed = await db.InTransactionAsync(token => CompareAsync(chunk, token), cancellationToken);
        db.ChangeTracker.Clear();
        evaluations.Enqueue(changed);
        return true;
    }

    /// <returns>The households that changed, to be settled.</returns>
    private async Task<IReadOnlyList<Guid>> CompareAsync(RecomparisonChunk chunk, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.RecomparisonChunks.Where(c => c.Id == chunk.Id && c.ComparedAtUtc == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ComparedAtUtc, now), cancellationToken) == 0)
        {
            return [];
        }

        var run = await db.RecomparisonRuns.AsNoTracking().SingleAsync(r => r.Id == chunk.RunId, cancellationToken);
        var households = await RosterAsync(chunk, cancellationToken);
        var questions = await db.AgencyQueries.AsNoTracking().Where(q => q.BatchId == chunk.Id).ToListAsync(cancellationToken);
        var answers = await db.RecomparisonAnswers.AsNoTracking().Where(a => a.ChunkId == chunk.Id).ToDictionaryAsync(a => a.Id, cancellationToken);
        var found = ChunkFindings.Of(households, planner.Sources(), questions, answers);
        var askedWindows = questions.ToDictionary(q => q.Id, q => q.AskedWindow);

        var confirmed = await ConfirmedFindings.ReadAsync(db, [.. households.Select(h => h.Household.EvaluationId).OfType<Guid>()], cancellationToken);
        var idNumbers = households.SelectMany(h => h.Members).Select(m => m.IdNumber).ToList();
        var ties = await staffRelatives.TiesAsync(idNumbers, cancellationToken);
        var enrolments = await roll.EnrolmentsAsync(idNumbers, cancellationToken);
        var parameters = policy.Require(chunk.Township);

        var changes = new ChunkChanges(chunk, run.AsOf, policy.Document.Name, now);
        var (unchanged, unavailable) = (0, 0);
        var baselines = new List<(Guid RollId, decimal PerCapitaMonthlyIncome)>();
        var audited = new List<AuditEntry>(idNumbers.Count);
        foreach (var asked in households)
        {
            var round = found.RoundOf(asked, changes.BatchId);
            if (!StillOnRoll(asked.Household))
            {
                // It left the roll, or a new confirmation replaced its entry, since the chunk was taken: there is nothing
                // to compare, but its members were asked about, and the trail says so.
                audited.AddRange(asked.Members.Zip(round.Members, (member, asMember) => Audited(run, chunk, asked, member, round.Answers[asMember.Id], LeftRoll, now)));
                continue;
            }

            var evaluation = HouseholdEvaluator.Evaluate(
                RoundEvidence.Of(run.AsOf, chunk.Township, asked.Household.Ref, round.Members, round.Answers, query => askedWindows.GetValueOrDefault(query), ties, enrolments),
                parameters);
            var before = ConfirmedFindings.Of(asked.Household, confirmed);
            var change = ChangeDetection.Detect(before, evaluation, options.Value.IncomeChangeThreshold);
            if (ChangeNames.RaisesCase(change))
            {
                changes.Add(asked, round);
            }
            else if (change == ChangeKind.Unavailable)
            {
                unavailable++;
            }
            else
            {
                unchanged++;

                // Nothing to fail it on or to look at, every agency answered: the income per head found now rests on their
                // answers, as a confirmed evaluation's does, and is what a move is measured from on later nights.
                if (asked.Household is { EvaluationId: null, BaselineRunId: null } && evaluation.PerCapitaMonthlyIncome is { } income)
                {
                    baselines.Add((asked.Household.Id, income));
                }
            }

            audited.AddRange(asked.Members.Zip(round.Members, (member, asMember) => Audited(run, chunk, asked, member, round.Answers[asMember.Id], ChangeNames.Of(change), now)));
        }

        changes.Store(db);

        // A chunk's changed households carry a dozen answers for each member: tens of thousands of rows a run, which the
        // change tracker would insert one statement each.
        await db.SaveChangesInBulkAsync(
            [typeof(Household), typeof(VerificationRound), typeof(Member), typeof(AgencyAnswerRecord), typeof(RecomparisonItem)], cancellationToken);
        var baselined = await roll.SetBaselinesAsync(run.Id, baselines, cancellationToken);
        await trail.AppendAsync(audited, cancellationToken);
        await db.InsertAsync(found.Tallies(chunk), cancellationToken);
        await db.RecomparisonAnswers.Where(a => a.ChunkId == chunk.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RecomparisonChunks.Where(c => c.Id == chunk.Id).ExecuteUpdateAsync(
            set => set.SetProperty(c => c.Unchanged, unchanged).SetProperty(c => c.Unavailable, unavailable), cancellationToken);
        LogCompared(logger, chunk.RunId, chunk.Id, households.Count, unchanged, unavailable, changes.Households.Count, baselined);
        return changes.Households;
    }

    /// <summary>
    /// On the roll still, as far as a comparison goes: the entry taken, or one that a renewed authorization alone replaced
    /// since, whose members and confirmed evidence are the same.
    /// </summary>
    private static bool StillOnRoll(RollHousehold entry) => entry.LeftAtUtc is null || (entry.SupersededById is not null && entry.LeftByCaseId is null);

    /// <summary>The chunk's households as they were when it was taken, in the same order; ones that left since are kept, for the positions, and skipped.</summary>
    private async Task<IReadOnlyList<ChunkHousehold>> RosterAsync(RecomparisonChunk chunk, CancellationToken cancellationToken)
    {
        var inRange = db.RollHouseholds.AsNoTracking().Where(r =>
            r.Township == chunk.Township && string.Compare(r.Ref, chunk.LastRef) <= 0 && r.JoinedAtUtc <= chunk.TakenAtUtc
            && (r.LeftAtUtc == null || r.LeftAtUtc > chunk.TakenAtUtc));
        if (chunk.AfterRef is { } after)
        {
            inRange = inRange.Where(r => string.Compare(r.Ref, after) > 0);
        }

        var households = await inRange.OrderBy(r => r.Township).ThenBy(r => r.Ref).ToListAsync(cancellationToken);
        var ids = households.Select(r => r.Id).ToList();
        var members = (await db.RollMembers.AsNoTracking().Where(m => ids.Contains(m.RollHouseholdId)).ToListAsync(cancellationToken)).ToLookup(m => m.RollHouseholdId);
        return ChunkRoster.Of(households, members, chunk.AskedOn, consent.Value);
    }

    private static AuditEntry Audited(
        RecomparisonRun run, RecomparisonChunk chunk, ChunkHousehold asked, RollMember member, IEnumerable<AgencyAnswerRecord> answers, string change, DateTime now)
    {
        var said = answers.OrderBy(a => a.Source, StringComparer.Ordinal).Select(a => $"{a.Source} {AgencyQueryAudit.Summary(a.State, a.Kind, a.RefusalCode)}");
        return new AuditEntry
        {
            AtUtc = now,
            Kind = AuditKinds.AgencyQuery,
            User = run.RequestedBy,
            Township = chunk.Township,
            Subject = "roll:" + asked.Household.Id,
            Purpose = RecomparisonChunks.Purpose,
            // The roll's keyed hash of the number is the audit trail's person hash.
            PersonHash = member.IdHash,
            Outcome = "compared:" + change,
            Detail = AuditEntry.Clip($"run {run.Id}; chunk {chunk.Id}; {string.Join("; ", said)}", AuditEntry.MaxDetailLength),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} compared chunk {ChunkId}: {Households} households, {Unchanged} unchanged, {Unavailable} unavailable, {Changed} changed, {Baselined} imported given a baseline")]
    private static partial void LogCompared(ILogger logger, Guid runId, Guid chunkId, int households, int unchanged, int unavailable, int changed, int baselined);
}
