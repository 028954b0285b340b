using Dibao.Verification.Adapters.Common;
using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Operations.Telemetry;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Recomparison;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Stores what an agency answered to a query and queues the households concerned for settling.
/// <list type="bullet">
/// <item>Only the agency the query went to may answer it: a report naming another, or delivered through another agency's
/// answer exchange (<see cref="AnswerOrigin"/>), is refused and logged.</item>
/// <item>An answer still awaited takes the report; one already settled (its deadline passed, the question was refused)
/// keeps the report beside it as late evidence, which changes nothing decided.</item>
/// <item>Each change is conditional on the state it expects, so the deadline sweep and an answer at the same moment
/// cannot both win, and a redelivered report finds nothing awaited and keeps nothing twice.</item>
/// </list>
/// Answers are written by prepared statements rather than loaded and tracked: a batch's answers arrive by the
/// tens of thousands. A re-comparison chunk's answers are kept whole per question instead (<see cref="ChunkAnswers"/>).
/// </summary>
public sealed partial class AgencyAnswerRecorder(
    HubDbContext db,
    PersonalDataProtector personalData,
    EvaluationQueue evaluations,
    HeldMessagesSignal releases,
    AgencyQueryAudit audit,
    ChunkAnswers runAnswers,
    TimeProvider clock,
    ILogger<AgencyAnswerRecorder> logger)
{
    /// <summary>
    /// How long before its deadline a sibling question stops counting as out: the deadline sweep of another hub instance,
    /// whose clock may run ahead of this one's, could have swept it already.
    /// </summary>
    private static readonly TimeSpan SweepMargin = TimeSpan.FromMinutes(1);

    /// <param name="deliveredBy">The agency whose answer exchange delivered the report, when the transport says.</param>
    public async Task FindingsAsync(AgencyFindingsReported report, string? deliveredBy, CancellationToken cancellationToken)
    {
        using var activity = HubTelemetry.StartAnswerRecording(report.QueryId, report.Agency);

        // Malformed whoever sent it: faulted, so it lands in the error queue for an operator to look at.
        if (report.Findings is null)
        {
            throw new InvalidDataException($"The report from {report.Agency} for query {report.QueryId} carries no findings.");
        }

        if (await TrustedQueryAsync(report.QueryId, report.Agency, deliveredBy, cancellationToken) is not { } query)
        {
            return;
        }

        if (query.Purpose == RecomparisonChunks.Purpose)
        {
            await runAnswers.FindingsAsync(query, report, cancellationToken);
            releases.Notify();
            return;
        }

        await RecordAsync(
            query,
            report.Attempts,
            report.AnsweredAt.UtcDateTime,
            [.. report.Findings.DistinctBy(f => f.IdNumber, StringComparer.Ordinal).Select(f =>
                new AnswerWrite(personalData.HashIdNumber(f.IdNumber), AnswerState.Answered, f.Kind, f.RefusalCode, f.Kind == FindingKind.RecordsFound ? JsonSerializer.Serialize(f.Facts, HubJson.Options) : null))],
            cancellationToken);
    }

    /// <param name="deliveredBy">The agency whose answer exchange delivered the refusal, when the transport says.</param>
    public async Task RefusedAsync(AgencyQueryRefused refusal, string? deliveredBy, CancellationToken cancellationToken)
    {
        using var activity = HubTelemetry.StartAnswerRecording(refusal.QueryId, refusal.Agency);
        if (await TrustedQueryAsync(refusal.QueryId, refusal.Agency, deliveredBy, cancellationToken) is not { } query)
        {
            return;
        }

        var code = RefusalCode.Sanitize(refusal.Code);
        LogRefused(logger, refusal.Agency, refusal.QueryId, code);
        if (query.Purpose == RecomparisonChunks.Purpose)
        {
            await runAnswers.RefusedAsync(query, code, refusal.RefusedAt.UtcDateTime, cancellationToken);
            releases.Notify();
            return;
        }

        var persons = await db.AgencyAnswers.AsNoTracking()
            .Where(a => a.QueryId == refusal.QueryId)
            .Select(a => a.IdHash)
            .Distinct()
            .ToListAsync(cancellationToken);
        await RecordAsync(query, attempts: null, refusal.RefusedAt.UtcDateTime,
            [.. persons.Select(hash => new AnswerWrite(hash, AnswerState.Refused, null, code, null))], cancellationToken);
    }

    /// <summary>The query, if it exists and the report comes from the agency it was asked of; otherwise null, logged.</summary>
    private async Task<AgencyQuery?> TrustedQueryAsync(Guid queryId, string agency, string? deliveredBy, CancellationToken cancellationToken)
    {
        var query = await db.AgencyQueries.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queryId, cancellationToken);
        if (query is null)
        {
            LogUnknownQuery(logger, queryId, agency);
            return null;
        }

        if (!string.Equals(query.Agency, agency, StringComparison.Ordinal))
        {
            LogForeignReport(logger, agency, queryId, query.Agency);
            return null;
        }

        if (deliveredBy is not null && !string.Equals(deliveredBy, AgencyQueue.AgencyOf(query.Agency), StringComparison.Ordinal))
        {
            LogImpersonation(logger, deliveredBy, queryId, query.Agency);
            return null;
        }

        return query;
    }

    private async Task RecordAsync(AgencyQuery query, int? attempts, DateTime at, IReadOnlyList<AnswerWrite> writes, CancellationToken cancellationToken)
    {
        var queryId = query.Id;
        var stillAwaited = await db.InTransactionAsync(token => WriteAsync(query, attempts, at, writes, token), cancellationToken);
        // The query is answered: its source has room for a held one.
        releases.Notify();
        if (stillAwaited > 0)
        {
            LogMissingFindings(logger, query.Agency, queryId, stillAwaited);
        }

        // Looked for even when this delivery settled nothing: an earlier one may have committed the same report and been
        // stopped before it got here (the broker went away and cancelled it), and its households wait on nobody else. So
        // may a try of this delivery whose commit was not acknowledged. A report that changes nothing is rare enough.
        if (!await SiblingStillOutAsync(query, cancellationToken))
        {
            evaluations.Enqueue(await ReadyHouseholdsAsync(queryId, cancellationToken));
        }
    }

    /// <summary>
    /// Whether another question about the same members is still out, so that none of their households can be ready yet:
    /// every member of the query awaits that question's answer. Eleven of a chunk's twelve reports are spared looking
    /// through each of their households' answers. Whatever ends the sibling looks at every household of its question,
    /// which are these: its report (this same check, after its commit, which sees this one's), the deadline sweep
    /// (<see cref="DeadlineSweeper"/>), or the consent check withholding it whole (<see cref="Consent.ConsentWithholding"/>).
    /// </summary>
    private async Task<bool> SiblingStillOutAsync(AgencyQuery query, CancellationToken cancellationToken)
    {
        if (query.Chunk is not { } chunk)
        {
            return false;
        }

        var sweptBy = clock.GetUtcNow().UtcDateTime + SweepMargin;
        return await db.AgencyQueries.AnyAsync(
            q => q.Chunk == chunk && q.Id != query.Id && q.AnsweredAtUtc == null && (q.DeadlineUtc == null || q.DeadlineUtc > sweptBy),
            cancellationToken);
    }

    /// <summary>Every write conditional on the state it expects, so a try repeated after a transient failure changes nothing twice.</summary>
    /// <returns>How many of the query's answers are still awaited.</returns>
    private async Task<int> WriteAsync(
        AgencyQuery query, int? attempts, DateTime at, IReadOnlyList<AnswerWrite> writes, CancellationToken cancellationToken)
    {
        var queryId = query.Id;

        // A server takes a round trip a statement: on PostgreSQL every answer goes in one, and on SQL Server the no-records
        // answers, most of them, do. SQLite runs in the process, where a prepared statement an answer costs a third of EF's
        // one statement listing hundreds (0.09 s against 0.27 s a 1,000-household round, measured 2026-12-03). What is
        // left goes answer by answer, where an answer settled before keeps the report as late evidence.
        var settled = 0;
        if (db.Database.IsNpgsql())
        {
            var done = await PostgresAnswerWrite.SettleAsync(db, queryId, at, writes, cancellationToken);
            settled = done.Count;
            var answered = done.ToHashSet(StringComparer.Ordinal);
            writes = [.. writes.Where(w => !answered.Contains(w.IdHash))];
        }
        else if (!db.Database.IsSqlite())
        {
            (settled, var complete) = await AnswerNoRecordsAtOnceAsync(queryId, at, writes, cancellationToken);
            if (complete)
            {
                writes = [.. writes.Where(w => !w.IsNoRecords)];
            }
        }

        await using var answer = PreparedStatement.For<AgencyAnswerRecord>(db,
            "UPDATE {Table} SET {State} = @state, {Kind} = @kind, {RefusalCode} = @code, {FactsJson} = @facts, {AnsweredAtUtc} = @at " +
            "WHERE {QueryId} = @query AND {IdHash} = @id AND {State} = @awaited",
            ("state", nameof(AgencyAnswerRecord.State)), ("kind", nameof(AgencyAnswerRecord.Kind)), ("code", nameof(AgencyAnswerRecord.RefusalCode)),
            ("facts", nameof(AgencyAnswerRecord.FactsJson)), ("at", nameof(AgencyAnswerRecord.AnsweredAtUtc)), ("query", nameof(AgencyAnswerRecord.QueryId)),
            ("id", nameof(AgencyAnswerRecord.IdHash)), ("awaited", nameof(AgencyAnswerRecord.State)));
        await using var late = PreparedStatement.For<AgencyAnswerRecord>(db,
            "UPDATE {Table} SET {LateAtUtc} = @at, {LateKind} = @kind, {LateRefusalCode} = @code, {LateFactsJson} = @facts " +
            "WHERE {QueryId} = @query AND {IdHash} = @id AND {State} IN (@settled, @refused) AND {LateAtUtc} IS NULL",
            ("at", nameof(AgencyAnswerRecord.LateAtUtc)), ("kind", nameof(AgencyAnswerRecord.LateKind)), ("code", nameof(AgencyAnswerRecord.LateRefusalCode)),
            ("facts", nameof(AgencyAnswerRecord.LateFactsJson)), ("query", nameof(AgencyAnswerRecord.QueryId)), ("id", nameof(AgencyAnswerRecord.IdHash)),
            ("settled", nameof(AgencyAnswerRecord.State)), ("refused", nameof(AgencyAnswerRecord.State)));
        answer.Set("query", queryId).Set("at", at).Set("awaited", AnswerState.Awaited);

        // A refusal repeated is no news: only findings can come late to an answer the agency had refused.
        var refusal = writes.Count > 0 && writes[0].State == AnswerState.Refused;
        late.Set("query", queryId).Set("at", at).Set("settled", AnswerState.Unavailable)
            .Set("refused", refusal ? AnswerState.Unavailable : AnswerState.Refused);

        var kept = 0;
        foreach (var write in writes)
        {
            var changed = await answer.Set("id", write.IdHash).Set("state", write.State).Set("kind", write.Kind)
                .Set("code", write.RefusalCode).Set("facts", write.FactsJson).ExecuteAsync(cancellationToken);
            if (changed == 0)
            {
                kept += await late.Set("id", write.IdHash).Set("kind", write.State == AnswerState.Answered ? write.Kind : null)
                    .Set("code", write.RefusalCode).Set("facts", write.FactsJson).ExecuteAsync(cancellationToken);
            }

            settled += changed;
        }

        // Once none is awaited, none can be again: the deadline sweep has nothing left to end. A report that settled an
        // answer for every person its question asked about leaves none to count.
        var stillAwaited = query.Persons > 0 && settled == query.Persons
            ? 0
            : await db.AgencyAnswers.CountAsync(a => a.QueryId == queryId && a.State == AnswerState.Awaited, cancellationToken);
        await db.AgencyQueries.Where(q => q.Id == queryId).ExecuteUpdateAsync(
            set =>
            {
                set.SetProperty(q => q.AnsweredAtUtc, q => q.AnsweredAtUtc ?? at).SetProperty(q => q.Attempts, q => attempts ?? q.Attempts);
                if (stillAwaited == 0)
                {
                    set.SetProperty(q => q.SweepAtUtc, (DateTime?)null);
                }
            },
            cancellationToken);

        // The answers settled here are recorded when their round settles; late ones settle nothing, so now. Last, as
        // the chain head stays locked until the commit.
        if (kept > 0)
        {
            await audit.LateAsync(queryId, at, cancellationToken);
        }

        return stillAwaited;
    }

    /// <summary>
    /// Most people have no records at most agencies: their answers are stored by one statement rather than one each.
    /// </summary>
    /// <returns>How many answers it settled, and whether that was all of them. When it was not (some answer was settled
    /// before, a person was never asked), every answer is then written one by one, late ones included.</returns>
    private async Task<(int Settled, bool Complete)> AnswerNoRecordsAtOnceAsync(Guid queryId, DateTime at, IReadOnlyList<AnswerWrite> writes, CancellationToken cancellationToken)
    {
        var ids = writes.Where(w => w.IsNoRecords).Select(w => w.IdHash).ToList();
        if (ids.Count == 0)
        {
            return (0, true);
        }

        var changed = await db.AgencyAnswers
            .Where(a => a.QueryId == queryId && a.State == AnswerState.Awaited && ids.Contains(a.IdHash))
            .ExecuteUpdateAsync(
                set => set.SetProperty(a => a.State, AnswerState.Answered)
                    .SetProperty(a => a.Kind, FindingKind.NoRecords)
                    .SetProperty(a => a.AnsweredAtUtc, at),
                cancellationToken);

        // The answers it did settle stay settled: written again one by one, they find nothing awaited and no late slot.
        return (changed, changed == ids.Count);
    }

    /// <summary>
    /// The households of the query that await nothing more. Asked after the commit, so of two answers for one household
    /// committed at once, the later one sees both and queues it (asked inside, each could miss the other's).
    /// </summary>
    /// <remarks>
    /// Two reads, each bound to an index by its own values. As one statement (the query's rounds, less those with an
    /// awaited answer), PostgreSQL judged from statistics taken when every answer was settled that there is no awaited
    /// answer at all, and read the whole table to find them: 40 to 65 ms a report at half a million answers, and growing
    /// with every batch verified (2026-12-03).
    /// </remarks>
    private async Task<List<Guid>> ReadyHouseholdsAsync(Guid queryId, CancellationToken cancellationToken)
    {
        var rounds = await db.AgencyAnswers.AsNoTracking()
            .Where(a => a.QueryId == queryId)
            .Select(a => new { a.HouseholdId, a.RoundId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var awaiting = await AwaitedRounds.AmongAsync(db, [.. rounds.Select(r => r.RoundId)], cancellationToken);
        return [.. rounds.Where(r => !awaiting.Contains(r.RoundId)).Select(r => r.HouseholdId)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer from {Agency} to unknown query {QueryId} ignored")]
    private static partial void LogUnknownQuery(ILogger logger, Guid queryId, string agency);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report naming {Agency} refused: query {QueryId} was asked of {AskedOf}, and only it may answer")]
    private static partial void LogForeignReport(ILogger logger, string agency, Guid queryId, string askedOf);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report delivered by {DeliveredBy}'s broker user refused: query {QueryId} was asked of {AskedOf}, and only it may answer")]
    private static partial void LogImpersonation(ILogger logger, string deliveredBy, Guid queryId, string askedOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} answered query {QueryId} without a finding for {Count} members; they stay awaited until the deadline")]
    private static partial void LogMissingFindings(ILogger logger, string agency, Guid queryId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} refused query {QueryId} as a whole with {Code}; its members' answers are refused")]
    private static partial void LogRefused(ILogger logger, string agency, Guid queryId, string code);
}
