using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Keeps an agency's answer to a re-comparison chunk's question whole, one row per question, for the chunk's comparison:
/// a run asks about a million persons a night, and rows per person and source would cost more than the asking. A report
/// delivered twice is kept once; one arriving after its chunk was compared (its deadline passed) changes nothing, and is
/// recorded in the audit trail once, as a late answer.
/// </summary>
public sealed partial class ChunkAnswers(
    HubDbContext db, PersonalDataProtector personalData, AgencyQueryAudit audit, RecomparisonWake wake, ILogger<ChunkAnswers> logger)
{
    public Task FindingsAsync(AgencyQuery query, AgencyFindingsReported report, CancellationToken cancellationToken) =>
        KeepAsync(query, report.Attempts, report.Findings, new RecomparisonAnswer
        {
            Id = query.Id,
            ChunkId = query.BatchId,
            Source = query.Agency,
            State = AnswerState.Answered,
            FindingsJson = JsonSerializer.Serialize(report.Findings, HubJson.Options),
            AnsweredAtUtc = report.AnsweredAt.UtcDateTime,
        }, cancellationToken);

    public Task RefusedAsync(AgencyQuery query, string code, DateTime at, CancellationToken cancellationToken) =>
        KeepAsync(query, attempts: null, findings: [], new RecomparisonAnswer
        {
            Id = query.Id,
            ChunkId = query.BatchId,
            Source = query.Agency,
            State = AnswerState.Refused,
            RefusalCode = code,
            AnsweredAtUtc = at,
        }, cancellationToken);

    private async Task KeepAsync(AgencyQuery query, int? attempts, IReadOnlyList<PersonFinding> findings, RecomparisonAnswer answer, CancellationToken cancellationToken)
    {
        var kept = await db.InTransactionAsync(
            async token =>
            {
                db.ChangeTracker.Clear();
                if (await OpenChunkLockedAsync(answer.ChunkId, token) == 0
                    && await db.RecomparisonChunks.AsNoTracking().Where(c => c.Id == answer.ChunkId && c.ComparedAtUtc != null).Select(c => c.Township)
                        .SingleOrDefaultAsync(token) is { } township)
                {
                    await LateAsync(query, attempts, findings, answer, township, token);
                    return false;
                }

                if (await db.RecomparisonAnswers.AnyAsync(a => a.Id == answer.Id, token))
                {
                    return false;
                }

                db.RecomparisonAnswers.Add(answer);
                await db.SaveChangesAsync(token);
                await db.AgencyQueries.Where(q => q.Id == query.Id).ExecuteUpdateAsync(
                    set => set.SetProperty(q => q.AnsweredAtUtc, q => q.AnsweredAtUtc ?? answer.AnsweredAtUtc).SetProperty(q => q.Attempts, q => attempts ?? q.Attempts),
                    token);
                return true;
            },
            cancellationToken);
        if (kept)
        {
            wake.Notify();
        }
    }

    /// <summary>
    /// Takes the chunk's row lock until the commit, when it is not compared yet, as the comparison's first statement does.
    /// On PostgreSQL and SQL Server (read committed) a plain read could see the chunk uncompared while its comparison is
    /// under way: an answer kept after the comparison had read the chunk's answers would then be deleted with them, unused
    /// and unaudited. Locked, the answer is kept before the comparison starts, or finds the chunk compared and is late.
    /// </summary>
    /// <returns>1 when the chunk is open for answers, 0 when it was compared (or is unknown).</returns>
    private Task<int> OpenChunkLockedAsync(Guid chunkId, CancellationToken cancellationToken) =>
        db.RecomparisonChunks.Where(c => c.Id == chunkId && c.ComparedAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ComparedAtUtc, c => c.ComparedAtUtc), cancellationToken);

    /// <summary>Recorded by the first delivery only: it marks the question answered, which a redelivery then finds.</summary>
    private async Task LateAsync(
        AgencyQuery query, int? attempts, IReadOnlyList<PersonFinding> findings, RecomparisonAnswer answer, string township, CancellationToken cancellationToken)
    {
        LogLate(logger, query.Agency, query.Id);
        var first = await db.AgencyQueries.Where(q => q.Id == query.Id && q.AnsweredAtUtc == null).ExecuteUpdateAsync(
            set => set.SetProperty(q => q.AnsweredAtUtc, answer.AnsweredAtUtc).SetProperty(q => q.Attempts, q => attempts ?? q.Attempts),
            cancellationToken);
        if (first == 0)
        {
            return;
        }

        var persons = findings.DistinctBy(f => f.IdNumber, StringComparer.Ordinal)
            .Select(f => (personalData.HashIdNumber(f.IdNumber), f.Kind, f.RefusalCode))
            .ToList();
        await audit.LateToComparedChunkAsync(
            query, township, persons, answer.State == AnswerState.Refused ? answer.RefusalCode : null, answer.AnsweredAtUtc, attempts ?? query.Attempts, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Agency} answered re-comparison query {QueryId} after its chunk was compared without it; the answer is recorded in the audit trail, not kept")]
    private static partial void LogLate(ILogger logger, string agency, Guid queryId);
}
