using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Recomparison;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Sends held questions as their sources have room: each source has at most <see cref="VerificationOptions.MaxQueriesInFlight"/>
/// questions out, counted until answered, refused or past their deadline. A question's deadline runs from its release,
/// so a question that waited behind a large batch is not counted late. Released in the order planned: the first
/// members of a batch first. Woken when questions are stored or answered, and every few seconds for the ones whose
/// deadline passed. With several hub instances each releases; the release is conditional, so a question goes out once,
/// and a source may briefly have a few more questions out than its limit. Released is asked: the household's authorization
/// is checked here (<see cref="ConsentWithholding"/>), so a question held past its expiry is not sent. A re-comparison
/// run's questions go after the applications' and within the agency's limits on runs (<see cref="AgencyLimits"/>).
/// </summary>
public sealed partial class QueryRelease(
    IServiceScopeFactory scopes,
    HeldMessagesSignal signal,
    OutboxSignal outbox,
    AgencyDeadlines deadlines,
    ConsentWithholding consent,
    EvaluationQueue evaluations,
    AgencyLimits limits,
    IOptions<VerificationOptions> options,
    TimeProvider clock,
    ILogger<QueryRelease> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReleaseAsync(stoppingToken);
                await signal.WaitAsync(IdlePoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A cancellation the host did not ask for (a database command cancelled under it) is a failure like any
                // other: let through, it would fault this service, and a faulted background service stops the hub.
                LogReleaseFailed(logger, ex);
                await Task.Delay(IdlePoll, clock, stoppingToken);
            }
        }
    }

    /// <returns>How many questions were released.</returns>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();

        // Woken after every answer stored, mostly with nothing held: a read, not a write transaction, which on SQLite
        // would take the one write lock from the answers and settlements for nothing.
        if (!await db.AgencyQueries.AnyAsync(q => q.AnsweredAtUtc == null && q.SentAtUtc == null, cancellationToken))
        {
            return 0;
        }

        var (released, withheldFrom) = await db.InTransactionAsync(token => ReleaseOnceAsync(db, token), cancellationToken);
        if (released > 0)
        {
            outbox.Notify();
        }

        if (withheldFrom.Count > 0)
        {
            // Their answers settled here; the room their questions would have taken goes to the next ones at once.
            evaluations.Enqueue(withheldFrom);
            signal.Notify();
        }

        return released;
    }

    /// <returns>How many questions were released, and the households left out of them for want of a valid authorization.</returns>
    private async Task<(int Released, List<Guid> WithheldFrom)> ReleaseOnceAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var held = await db.AgencyQueries
            .Where(q => q.AnsweredAtUtc == null && q.SentAtUtc == null)
            .Select(q => new { q.Agency, Run = q.Purpose == RecomparisonChunks.Purpose })
            .Distinct()
            .ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return (0, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var inFlight = await db.AgencyQueries
            .Where(q => q.AnsweredAtUtc == null && q.SentAtUtc != null && q.DeadlineUtc > now)
            .GroupBy(q => q.Agency)
            .Select(g => new { Source = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Source, g => g.Count, cancellationToken);

        var released = 0;
        var withheldFrom = new List<Guid>();
        foreach (var source in held.Select(h => h.Agency).Distinct())
        {
            var room = options.Value.MaxQueriesInFlight - inFlight.GetValueOrDefault(source);
            if (room <= 0)
            {
                continue;
            }

            var heldAtSource = db.AgencyQueries.Where(q => q.Agency == source && q.AnsweredAtUtc == null && q.SentAtUtc == null);
            // Applications' questions first: an office waits on them, and the agencies' limits on runs do not hold them.
            var ids = !held.Contains(new { Agency = source, Run = false }) ? [] : await heldAtSource
                .Where(q => q.Purpose != RecomparisonChunks.Purpose)
                .OrderBy(q => q.PlannedAtUtc)
                .ThenBy(q => q.Ordinal)
                .Take(room)
                .Select(q => q.Id)
                .ToListAsync(cancellationToken);
            if (ids.Count < room && held.Contains(new { Agency = source, Run = true }))
            {
                ids.AddRange(await RunQuestionsAsync(db, heldAtSource, source, room - ids.Count, now, cancellationToken));
            }

            var (withheld, households) = await consent.WithholdAsync(db, ids, cancellationToken);
            withheldFrom.AddRange(households);
            ids.RemoveAll(withheld.Contains);
            var deadline = now + deadlines.For(source);
            released += await db.AgencyQueries
                .Where(q => ids.Contains(q.Id) && q.SentAtUtc == null)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(q => q.SentAtUtc, now)
                        .SetProperty(q => q.DeadlineUtc, deadline)
                        .SetProperty(q => q.SweepAtUtc, q => q.Purpose == RecomparisonChunks.Purpose ? null : (DateTime?)deadline),
                    cancellationToken);
            await db.Outbox
                .Where(m => ids.Contains(m.Id) && m.Held)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Held, false), cancellationToken);
        }

        return (released, withheldFrom);
    }

    /// <summary>A run's questions to the source, in the order planned, as many as fit the agency's limits now.</summary>
    private async Task<IReadOnlyList<Guid>> RunQuestionsAsync(
        HubDbContext db, IQueryable<AgencyQuery> held, string source, int room, DateTime now, CancellationToken cancellationToken)
    {
        var allowed = await limits.PersonsAllowedAsync(db, source, now, cancellationToken);
        if (allowed == 0)
        {
            return [];
        }

        var questions = await held
            .Where(q => q.Purpose == RecomparisonChunks.Purpose)
            .OrderBy(q => q.PlannedAtUtc)
            .ThenBy(q => q.Ordinal)
            .Take(room)
            .Select(q => new { q.Id, q.Persons })
            .ToListAsync(cancellationToken);
        if (allowed is not { } persons || questions.Count == 0)
        {
            return [.. questions.Select(q => q.Id)];
        }

        var within = new List<Guid>();
        foreach (var question in questions)
        {
            persons -= question.Persons;
            if (persons < 0)
            {
                break;
            }

            within.Add(question.Id);
        }

        return within;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Releasing held agency questions failed; trying again shortly")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
