using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Stores what an agency answered to a query and queues the households concerned for settling.
/// <list type="bullet">
/// <item>Only the agency the query went to may answer it: a report naming another is refused and logged.</item>
/// <item>An answer still awaited takes the report; one already settled (its deadline passed, the question was refused)
/// keeps the report beside it as late evidence, which changes nothing decided.</item>
/// <item>Each change is conditional on the state it expects, so the deadline sweep and an answer at the same moment
/// cannot both win, and a redelivered report finds nothing awaited and keeps nothing twice.</item>
/// </list>
/// Answers are written by prepared statements rather than loaded and tracked: a batch's answers arrive by the
/// tens of thousands.
/// </summary>
public sealed partial class AgencyAnswerRecorder(
    HubDbContext db,
    EvaluationQueue evaluations,
    ILogger<AgencyAnswerRecorder> logger)
{
    public Task FindingsAsync(AgencyFindingsReported report, CancellationToken cancellationToken) =>
        RecordAsync(
            report.QueryId,
            report.Agency,
            report.Attempts,
            report.AnsweredAt.UtcDateTime,
            [.. report.Findings.DistinctBy(f => f.IdNumber, StringComparer.Ordinal).Select(f =>
                new Write(f.IdNumber, AnswerState.Answered, f.Kind, f.RefusalCode, f.Kind == FindingKind.RecordsFound ? JsonSerializer.Serialize(f.Facts, HubJson.Options) : null))],
            cancellationToken);

    public async Task RefusedAsync(AgencyQueryRefused refusal, CancellationToken cancellationToken)
    {
        var code = RefusalCode.Sanitize(refusal.Code);
        var persons = await db.AgencyAnswers.AsNoTracking()
            .Where(a => a.QueryId == refusal.QueryId)
            .Select(a => a.IdNumber)
            .Distinct()
            .ToListAsync(cancellationToken);
        LogRefused(logger, refusal.Agency, refusal.QueryId, code);
        await RecordAsync(refusal.QueryId, refusal.Agency, attempts: null, refusal.RefusedAt.UtcDateTime,
            [.. persons.Select(id => new Write(id, AnswerState.Refused, null, code, null))], cancellationToken);
    }

    private async Task RecordAsync(Guid queryId, string agency, int? attempts, DateTime at, IReadOnlyList<Write> writes, CancellationToken cancellationToken)
    {
        var query = await db.AgencyQueries.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queryId, cancellationToken);
        if (query is null)
        {
            LogUnknownQuery(logger, queryId, agency);
            return;
        }

        if (!string.Equals(query.Agency, agency, StringComparison.Ordinal))
        {
            LogForeignReport(logger, agency, queryId, query.Agency);
            return;
        }

        var tries = 0;
        var (households, stillAwaited) = await db.InTransactionAsync(token => WriteAsync(queryId, attempts, at, writes, ++tries > 1, token), cancellationToken);
        if (stillAwaited > 0)
        {
            LogMissingFindings(logger, agency, queryId, stillAwaited);
        }

        evaluations.Enqueue(households);
    }

    /// <summary>Every write conditional on the state it expects, so a try repeated after a transient failure changes nothing twice.</summary>
    /// <param name="retry">A try before may have committed unacknowledged, leaving this one nothing to change: its households are queued all the same.</param>
    /// <returns>The households whose answers changed, and how many of the query's answers are still awaited.</returns>
    private async Task<(List<Guid> Households, int StillAwaited)> WriteAsync(
        Guid queryId, int? attempts, DateTime at, IReadOnlyList<Write> writes, bool retry, CancellationToken cancellationToken)
    {
        await using var answer = PreparedStatement.For<AgencyAnswerRecord>(db,
            "UPDATE {Table} SET {State} = @state, {Kind} = @kind, {RefusalCode} = @code, {FactsJson} = @facts, {AnsweredAtUtc} = @at " +
            "WHERE {QueryId} = @query AND {IdNumber} = @id AND {State} = @awaited",
            ("state", nameof(AgencyAnswerRecord.State)), ("kind", nameof(AgencyAnswerRecord.Kind)), ("code", nameof(AgencyAnswerRecord.RefusalCode)),
            ("facts", nameof(AgencyAnswerRecord.FactsJson)), ("at", nameof(AgencyAnswerRecord.AnsweredAtUtc)), ("query", nameof(AgencyAnswerRecord.QueryId)),
            ("id", nameof(AgencyAnswerRecord.IdNumber)), ("awaited", nameof(AgencyAnswerRecord.State)));
        await using var late = PreparedStatement.For<AgencyAnswerRecord>(db,
            "UPDATE {Table} SET {LateAtUtc} = @at, {LateKind} = @kind, {LateRefusalCode} = @code, {LateFactsJson} = @facts " +
            "WHERE {QueryId} = @query AND {IdNumber} = @id AND {State} IN (@settled, @refused) AND {LateAtUtc} IS NULL",
            ("at", nameof(AgencyAnswerRecord.LateAtUtc)), ("kind", nameof(AgencyAnswerRecord.LateKind)), ("code", nameof(AgencyAnswerRecord.LateRefusalCode)),
            ("facts", nameof(AgencyAnswerRecord.LateFactsJson)), ("query", nameof(AgencyAnswerRecord.QueryId)), ("id", nameof(AgencyAnswerRecord.IdNumber)),
            ("settled", nameof(AgencyAnswerRecord.State)), ("refused", nameof(AgencyAnswerRecord.State)));
        answer.Set("query", queryId).Set("at", at).Set("awaited", AnswerState.Awaited);

        // A refusal repeated is no news: only findings can come late to an answer the agency had refused.
        var refusal = writes.Count > 0 && writes[0].State == AnswerState.Refused;
        late.Set("query", queryId).Set("at", at).Set("settled", AnswerState.Unavailable)
            .Set("refused", refusal ? AnswerState.Unavailable : AnswerState.Refused);

        var settled = 0;
        foreach (var write in writes)
        {
            var changed = await answer.Set("id", write.IdNumber).Set("state", write.State).Set("kind", write.Kind)
                .Set("code", write.RefusalCode).Set("facts", write.FactsJson).ExecuteAsync(cancellationToken);
            if (changed == 0)
            {
                await late.Set("id", write.IdNumber).Set("kind", write.State == AnswerState.Answered ? write.Kind : null)
                    .Set("code", write.RefusalCode).Set("facts", write.FactsJson).ExecuteAsync(cancellationToken);
            }

            settled += changed;
        }

        await db.AgencyQueries.Where(q => q.Id == queryId).ExecuteUpdateAsync(
            set => set.SetProperty(q => q.AnsweredAtUtc, q => q.AnsweredAtUtc ?? at).SetProperty(q => q.Attempts, q => attempts ?? q.Attempts),
            cancellationToken);

        var households = settled == 0 && !retry ? [] : await db.AgencyAnswers.AsNoTracking()
            .Where(a => a.QueryId == queryId)
            .Select(a => a.HouseholdId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var stillAwaited = await db.AgencyAnswers.CountAsync(a => a.QueryId == queryId && a.State == AnswerState.Awaited, cancellationToken);
        return (households, stillAwaited);
    }

    /// <summary>What one person's answer becomes: answered with a finding, or refused with the agency's code.</summary>
    private sealed record Write(string IdNumber, AnswerState State, FindingKind? Kind, string? RefusalCode, string? FactsJson);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer from {Agency} to unknown query {QueryId} ignored")]
    private static partial void LogUnknownQuery(ILogger logger, Guid queryId, string agency);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report naming {Agency} refused: query {QueryId} was asked of {AskedOf}, and only it may answer")]
    private static partial void LogForeignReport(ILogger logger, string agency, Guid queryId, string askedOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} answered query {QueryId} without a finding for {Count} members; they stay awaited until the deadline")]
    private static partial void LogMissingFindings(ILogger logger, string agency, Guid queryId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} refused query {QueryId} as a whole with {Code}; its members' answers are refused")]
    private static partial void LogRefused(ILogger logger, string agency, Guid queryId, string code);
}
