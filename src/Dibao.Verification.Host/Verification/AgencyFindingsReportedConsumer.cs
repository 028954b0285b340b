using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Stores an agency's answers and queues the households concerned for the <see cref="HouseholdEvaluationWorker"/>.
/// Idempotent: an answer already stored is not stored again, so a redelivered message changes nothing.
/// </summary>
public sealed partial class AgencyFindingsReportedConsumer(
    HubDbContext db,
    EvaluationQueue evaluations,
    ILogger<AgencyFindingsReportedConsumer> logger) : IConsumer<AgencyFindingsReported>
{
    public async Task Consume(ConsumeContext<AgencyFindingsReported> context)
    {
        var report = context.Message;
        var query = await db.AgencyQueries.SingleOrDefaultAsync(q => q.Id == report.QueryId, context.CancellationToken);
        if (query is null)
        {
            LogUnknownQuery(logger, report.QueryId, report.Agency);
            return;
        }

        var records = await db.AgencyAnswers
            .Where(a => a.QueryId == report.QueryId && a.State != AnswerState.Answered)
            .ToListAsync(context.CancellationToken);
        var byIdNumber = report.Findings.ToDictionary(f => f.IdNumber, StringComparer.Ordinal);
        var changed = new HashSet<Guid>();
        foreach (var record in records)
        {
            if (!byIdNumber.TryGetValue(record.IdNumber, out var finding))
            {
                LogMissingFinding(logger, report.Agency, IdentityNumber.Mask(record.IdNumber));
                continue;
            }

            record.State = AnswerState.Answered;
            record.Kind = finding.Kind;
            record.RefusalCode = finding.RefusalCode;
            record.FactsJson = JsonSerializer.Serialize(finding.Facts, HubJson.Options);
            record.AnsweredAtUtc = report.AnsweredAt.UtcDateTime;
            changed.Add(record.HouseholdId);
        }

        query.AnsweredAtUtc ??= report.AnsweredAt.UtcDateTime;
        query.Attempts = report.Attempts;

        await db.SaveChangesAsync(context.CancellationToken);
        evaluations.Enqueue(changed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer from {Agency} to unknown query {QueryId} ignored")]
    private static partial void LogUnknownQuery(ILogger logger, Guid queryId, string agency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} answered without a finding for member {IdNumber}; it stays awaited")]
    private static partial void LogMissingFinding(ILogger logger, string agency, string idNumber);
}
