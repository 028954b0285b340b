using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Identity;
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
/// <item>Idempotent: a redelivered report finds nothing awaited and keeps nothing twice.</item>
/// <item>The deadline sweep may settle an answer between reading and saving: the save then fails on the answer's
/// state, and the report is applied again to what is stored now.</item>
/// </list>
/// </summary>
public sealed partial class AgencyAnswerRecorder(
    HubDbContext db,
    EvaluationQueue evaluations,
    ILogger<AgencyAnswerRecorder> logger)
{
    private const int MaxConflicts = 10;

    public Task FindingsAsync(AgencyFindingsReported report, CancellationToken cancellationToken)
    {
        var findings = report.Findings.GroupBy(f => f.IdNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var at = report.AnsweredAt.UtcDateTime;
        return RecordAsync(report.QueryId, report.Agency, report.Attempts, at, record =>
        {
            if (!findings.TryGetValue(record.IdNumber, out var finding))
            {
                LogMissingFinding(logger, report.Agency, IdentityNumber.Mask(record.IdNumber));
                return false;
            }

            var facts = JsonSerializer.Serialize(finding.Facts, HubJson.Options);
            if (record.IsAwaited)
            {
                record.Answer(finding, facts, at);
                return true;
            }

            record.KeepLate(finding.Kind, finding.RefusalCode, facts, at);
            return false;
        }, cancellationToken);
    }

    public Task RefusedAsync(AgencyQueryRefused refusal, CancellationToken cancellationToken)
    {
        var code = RefusalCode.Sanitize(refusal.Code);
        var at = refusal.RefusedAt.UtcDateTime;
        LogRefused(logger, refusal.Agency, refusal.QueryId, code);
        return RecordAsync(refusal.QueryId, refusal.Agency, attempts: null, at, record =>
        {
            if (record.IsAwaited)
            {
                record.RefuseQuery(code, at);
                return true;
            }

            record.KeepLate(null, code, null, at);
            return false;
        }, cancellationToken);
    }

    /// <param name="apply">Applies the report to one stored answer; true when that answer was awaited and now settled.</param>
    private async Task RecordAsync(Guid queryId, string agency, int? attempts, DateTime at, Func<AgencyAnswerRecord, bool> apply, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var query = await db.AgencyQueries.SingleOrDefaultAsync(q => q.Id == queryId, cancellationToken);
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

            var records = await db.AgencyAnswers
                .Where(a => a.QueryId == queryId && a.State != Domain.Policy.AnswerState.Answered && a.LateAtUtc == null)
                .ToListAsync(cancellationToken);
            var settled = records.Where(apply).Select(r => r.HouseholdId).ToHashSet();
            query.AnsweredAtUtc ??= at;
            query.Attempts = attempts ?? query.Attempts;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                evaluations.Enqueue(settled);
                return;
            }
            catch (DbUpdateConcurrencyException) when (conflicts < MaxConflicts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer from {Agency} to unknown query {QueryId} ignored")]
    private static partial void LogUnknownQuery(ILogger logger, Guid queryId, string agency);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report naming {Agency} refused: query {QueryId} was asked of {AskedOf}, and only it may answer")]
    private static partial void LogForeignReport(ILogger logger, string agency, Guid queryId, string askedOf);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} answered without a finding for member {IdNumber}; it stays awaited")]
    private static partial void LogMissingFinding(ILogger logger, string agency, string idNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} refused query {QueryId} as a whole with {Code}; its members' answers are refused")]
    private static partial void LogRefused(ILogger logger, string agency, Guid queryId, string code);
}
