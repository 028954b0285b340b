using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Marks answers still awaited past their question's deadline as unavailable, so the household becomes incomplete with
/// <c>AGENCY_UNAVAILABLE</c> instead of waiting for ever. The questions come first: only those with answers still awaited
/// keep a time to be swept at (<see cref="AgencyQuery.SweepAtUtc"/>). The change is conditional on the answer still being
/// awaited, so an answer stored a moment earlier is never overwritten; one that comes later is kept as late evidence.
/// Exactly those this sweep marked are counted, whichever other hub instance sweeps at the same time: on PostgreSQL one
/// statement returns them (<see cref="PostgresSweep"/>); on the other providers each answer is marked by a statement of its
/// own. They are audited when their round settles.
/// </summary>
public sealed partial class DeadlineSweeper(
    IServiceScopeFactory scopes,
    IOptions<VerificationOptions> options,
    EvaluationQueue evaluations,
    TimeProvider clock,
    ILogger<DeadlineSweeper> logger) : BackgroundService
{
    /// <summary>Questions a sweep takes at once: a few hundred persons each.</summary>
    private const int QuestionsPerSweep = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A cancellation the host did not ask for is a failure like any other: let through, it would fault this
                // service, and a faulted background service stops the hub.
                LogSweepFailed(logger, ex);
            }
        }
    }

    /// <summary>Ends every question past its deadline, a page of them at a time.</summary>
    /// <returns>How many answers this sweep marked unavailable.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var marked = 0;
        while (await SweepPageAsync(cancellationToken) is { } page)
        {
            marked += page;
        }

        return marked;
    }

    /// <returns>How many answers it marked, or null when no question was overdue.</returns>
    private async Task<int?> SweepPageAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();

        // Every second, mostly with nothing overdue: a read, not a write transaction, which on SQLite would take the one
        // write lock from the answers and settlements for nothing.
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.AgencyQueries.AnyAsync(q => q.SweepAtUtc < now, cancellationToken))
        {
            return null;
        }

        // Repeated whole after a transient failure: the update is conditional, so a repeat changes nothing twice.
        var (questions, overdue) = await db.InTransactionAsync(token => SweepOnceAsync(db, token), cancellationToken);
        if (questions.Count == 0)
        {
            return null;
        }

        foreach (var agency in overdue.GroupBy(a => a.Source))
        {
            LogOverdue(logger, agency.Key, agency.Count());
        }

        // Every household of the questions swept, not only those whose answers this sweep marked: one whose answer to
        // another question came last was not queued then, as this question was still out (see AgencyAnswerRecorder).
        evaluations.Enqueue(await db.AgencyAnswers.AsNoTracking()
            .Where(a => questions.Contains(a.QueryId))
            .Select(a => a.HouseholdId)
            .Distinct()
            .ToListAsync(cancellationToken));

        return overdue.Count;
    }

    private async Task<(List<Guid> Questions, List<Overdue> Marked)> SweepOnceAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var questions = await db.AgencyQueries.AsNoTracking()
            .Where(q => q.SweepAtUtc < now)
            .OrderBy(q => q.SweepAtUtc)
            .Take(QuestionsPerSweep)
            .Select(q => q.Id)
            .ToListAsync(cancellationToken);
        if (questions.Count == 0)
        {
            return (questions, []);
        }

        var marked = db.Database.IsNpgsql()
            ? [.. (await PostgresSweep.MarkAsync(db, questions, cancellationToken)).Select(a => new Overdue(a.Id, a.Source))]
            : await MarkOneByOneAsync(db, questions, cancellationToken);
        await db.AgencyQueries.Where(q => questions.Contains(q.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.SweepAtUtc, (DateTime?)null), cancellationToken);
        return (questions, marked);
    }

    private static async Task<List<Overdue>> MarkOneByOneAsync(HubDbContext db, List<Guid> questions, CancellationToken cancellationToken)
    {
        var overdue = await db.AgencyAnswers.AsNoTracking()
            .Where(a => questions.Contains(a.QueryId) && a.State == AnswerState.Awaited)
            .Select(a => new Overdue(a.Id, a.Source))
            .ToListAsync(cancellationToken);
        await using var mark = PreparedStatement.For<AgencyAnswerRecord>(db,
            "UPDATE {Table} SET {State} = @unavailable WHERE {Id} = @id AND {State} = @awaited",
            ("unavailable", nameof(AgencyAnswerRecord.State)), ("id", nameof(AgencyAnswerRecord.Id)), ("awaited", nameof(AgencyAnswerRecord.State)));
        mark.Set("unavailable", AnswerState.Unavailable).Set("awaited", AnswerState.Awaited);
        var marked = new List<Overdue>(overdue.Count);
        foreach (var answer in overdue)
        {
            if (await mark.Set("id", answer.Id).ExecuteAsync(cancellationToken) > 0)
            {
                marked.Add(answer);
            }
        }

        return marked;
    }

    private sealed record Overdue(Guid Id, string Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} did not answer about {Count} members by its deadline")]
    private static partial void LogOverdue(ILogger logger, string agency, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep failed; trying again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
