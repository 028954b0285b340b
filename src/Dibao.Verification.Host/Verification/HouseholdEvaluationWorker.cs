using System.Diagnostics;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Operations.Telemetry;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// The one writer of verification results: settles queued households in passes, so answers arriving from many
/// agencies at once neither race each other on a household nor repeat the work. A pass that fails is split into
/// households; a household that keeps failing is retried alone with growing waits, then parked with its error
/// (outcome <c>error</c>) while the others settle. At start-up every unsettled or parked household is queued, so
/// answers stored just before a crash still count and a fixed cause is tried again. While running, it looks every
/// <see cref="VerificationOptions.ReadyRecheckInterval"/> for households that await no answer and were never queued:
/// another hub instance stored their last answer and stopped before it settled them.
/// </summary>
public sealed partial class HouseholdEvaluationWorker(
    IServiceScopeFactory scopes,
    EvaluationQueue queue,
    IOptions<VerificationOptions> options,
    TimeProvider clock,
    ILogger<HouseholdEvaluationWorker> logger) : BackgroundService
{
    private const int HouseholdsPerPass = 500;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);

    /// <summary>Failures so far per household; only the worker's loop touches it.</summary>
    private readonly Dictionary<Guid, int> _failures = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await QueueUnsettledAtStartAsync(stoppingToken);
        var recheckAt = clock.GetUtcNow() + options.Value.ReadyRecheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() >= recheckAt)
            {
                await QueueForgottenAsync(stoppingToken);
                recheckAt = clock.GetUtcNow() + options.Value.ReadyRecheckInterval;
            }

            var causes = new List<ActivityContext>();
            var ids = queue.Take(HouseholdsPerPass, causes);
            if (ids.Count == 0)
            {
                await queue.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                continue;
            }

            using var pass = HubTelemetry.StartEvaluationPass(ids.Count, causes);
            await PassAsync(ids, stoppingToken);
        }
    }

    private async Task PassAsync(IReadOnlyList<Guid> ids, CancellationToken stoppingToken)
    {
        IReadOnlyList<(Guid HouseholdId, Exception Error)> failed;
        try
        {
            failed = await SettleAsync(ids, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Unless the hub is stopping, a cancellation (Npgsql cancels the commands of a connection that broke) is a failed
            // pass like any other: let through, it would fault this service, and a faulted background service stops the hub.
            if (ids.Count == 1)
            {
                await FailedAsync(ids[0], ex, stoppingToken);
                return;
            }

            // Something in the pass could not be saved (a reviewer's decision on one case, a broken row): find which.
            LogPassSplit(logger, ids.Count, ex);
            foreach (var id in ids)
            {
                await PassAsync([id], stoppingToken);
            }

            return;
        }

        foreach (var id in ids.Except(failed.Select(f => f.HouseholdId)))
        {
            _failures.Remove(id);
        }

        foreach (var (id, error) in failed)
        {
            await FailedAsync(id, error, stoppingToken);
        }
    }

    private async Task<IReadOnlyList<(Guid, Exception)>> SettleAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var settlement = scope.ServiceProvider.GetRequiredService<RoundSettlement>();
        var audit = scope.ServiceProvider.GetRequiredService<AgencyQueryAudit>();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();

        // Settled again from what is stored should the save be retried: a household saved by a try whose commit was not
        // acknowledged is settled already and left out.
        var failed = await db.RunAsync(
            async token =>
            {
                var (asked, unsettled) = await settlement.SettleAsync(ids, token);
                var audited = audit.Settled(asked);
                await using var transaction = await db.Database.BeginTransactionAsync(token);

                // A pass opens hundreds of cases at once, each with its steps and announcements.
                await db.SaveChangesInBulkAsync([typeof(RoundEvaluation), typeof(Case), typeof(CaseStep), typeof(OutboxMessage)], token);

                // Last, as the audit trail's head stays locked until the commit.
                await trail.AppendAsync(audited, token);
                await transaction.CommitAsync(token);
                return unsettled;
            },
            cancellationToken);

        scope.ServiceProvider.GetRequiredService<HubMessages>().Flush();
        return failed;
    }

    private async Task FailedAsync(Guid householdId, Exception error, CancellationToken stoppingToken)
    {
        var failures = _failures[householdId] = _failures.GetValueOrDefault(householdId) + 1;
        if (failures < options.Value.EvaluationAttempts)
        {
            var wait = FirstRetry * Math.Pow(2, failures - 1);
            LogRetrying(logger, householdId, failures, wait, error);
            _ = RetryLaterAsync(householdId, wait, stoppingToken);
            return;
        }

        _failures.Remove(householdId);
        LogParked(logger, householdId, failures, error);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var settlement = scope.ServiceProvider.GetRequiredService<RoundSettlement>();
            var audit = scope.ServiceProvider.GetRequiredService<AgencyQueryAudit>();
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            var text = $"{error.GetType().Name}: {error.Message}";
            await db.RunAsync(
                async token =>
                {
                    var household = await db.Households.SingleAsync(h => h.Id == householdId, token);
                    if (household.CurrentEvaluationId is not null)
                    {
                        return false;
                    }

                    // Its members were asked about whether or not the round can be evaluated: recorded now, with the
                    // parking, not when a fix lets it settle, which may never come.
                    var audited = household.RoundAudited ? [] : audit.Settled(await settlement.AskedAsync(household, token));
                    household.Parked(text.Length > Household.MaxEvaluationErrorLength ? text[..Household.MaxEvaluationErrorLength] : text, clock.GetUtcNow().UtcDateTime);
                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    await db.SaveChangesAsync(token);
                    await trail.AppendAsync(audited, token);
                    await transaction.CommitAsync(token);
                    return true;
                },
                stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Parking is bookkeeping: a household left unparked is tried again at the next start.
            LogParkFailed(logger, householdId, ex);
        }
    }

    private async Task RetryLaterAsync(Guid householdId, TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, clock, stoppingToken);
            queue.Enqueue([householdId]);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the next start queues every unsettled household anyway.
        }
    }

    /// <summary>
    /// Queues the unsettled households, trying again until the database answers: a database restarting as the hub starts
    /// would otherwise fault this service, and a faulted background service stops the hub.
    /// </summary>
    private async Task QueueUnsettledAtStartAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await QueueUnsettledAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogQueueUnsettledFailed(logger, FirstRetry, ex);
                await Task.Delay(FirstRetry, clock, stoppingToken);
            }
        }
    }

    private async Task QueueUnsettledAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        queue.Enqueue(await db.Set<Household>().Where(h => h.CurrentEvaluationId == null).Select(h => h.Id).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Pending households (neither settled nor parked) whose round awaits no answer. The queue is memory: what one hub
    /// instance had queued is gone when it stops, and the answers it stored are not stored again by another.
    /// </summary>
    private async Task QueueForgottenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var forgotten = await db.Households.AsNoTracking()
                .Where(h => h.SettledAtUtc == null && !db.AgencyAnswers.Any(a => a.RoundId == h.CurrentRoundId && a.State == AnswerState.Awaited))
                .Select(h => h.Id)
                .ToListAsync(cancellationToken);
            queue.Enqueue(forgotten);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRecheckFailed(logger, ex);
        }
    }

    public const string RecheckFailedEvent = "ReadyRecheckFailed";

    [LoggerMessage(EventName = RecheckFailedEvent, Level = LogLevel.Warning, Message = "Looking for ready households nobody queued failed; looking again later")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queueing the unsettled households at start failed; trying again in {Wait}")]
    private static partial void LogQueueUnsettledFailed(ILogger logger, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling {Count} households together failed; settling them one by one")]
    private static partial void LogPassSplit(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating household {HouseholdId} failed (attempt {Attempt}); trying it alone again in {Wait}")]
    private static partial void LogRetrying(ILogger logger, Guid householdId, int attempt, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating household {HouseholdId} failed {Attempts} times; parked with outcome error until the cause is fixed and the hub restarted")]
    private static partial void LogParked(ILogger logger, Guid householdId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not park household {HouseholdId}; it is tried again at the next start")]
    private static partial void LogParkFailed(ILogger logger, Guid householdId, Exception exception);
}
