using Quartz;

namespace Dibao.Verification.Host.Scheduling;

/// <summary>
/// Keeps the triggers in the scheduler's store in line with the declared ones, at start-up: a missing trigger is stored, and
/// a stored one is replaced only when its schedule was changed. Left as it is otherwise, a stored trigger keeps its rhythm
/// across restarts (never postponed by an instance starting, never fired early), and an instance starting cannot replace a
/// trigger whose next firing another instance of the cluster has already taken, which would run that firing twice.
/// </summary>
internal sealed partial class StoredTriggers(ISchedulerFactory schedulers, IEnumerable<DeclaredTrigger> declared, ILogger<StoredTriggers> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var trigger in declared.Select(d => d.Trigger))
        {
            var stored = await scheduler.GetTrigger(trigger.Key, cancellationToken);
            if (stored is null)
            {
                try
                {
                    await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
                }
                catch (ObjectAlreadyExistsException)
                {
                    // Another instance starting at the same moment stored it first.
                    LogStoredByAnother(logger, trigger.Key);
                }
            }
            else if (!SameSchedule(stored, trigger))
            {
                LogChanged(logger, trigger.Key, Describe(stored), Describe(trigger));
                await scheduler.RescheduleJob(trigger.Key, trigger, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What decides when a trigger fires; its start time and last firing are its history, not its schedule.</summary>
    private static bool SameSchedule(ITrigger stored, ITrigger declared) =>
        stored.JobKey.Equals(declared.JobKey)
        && stored.MisfireInstructionCode == declared.MisfireInstructionCode
        && (stored, declared) switch
        {
            (ISimpleTrigger a, ISimpleTrigger b) => a.RepeatInterval == b.RepeatInterval && a.RepeatCount == b.RepeatCount,
            (ICronTrigger a, ICronTrigger b) => a.CronExpressionString == b.CronExpressionString
                && a.TimeZone.Id == b.TimeZone.Id && a.TimeZone.BaseUtcOffset == b.TimeZone.BaseUtcOffset,
            _ => false,
        };

    private static string Describe(ITrigger trigger) => trigger switch
    {
        ISimpleTrigger simple => $"every {simple.RepeatInterval}",
        ICronTrigger cron => $"cron {cron.CronExpressionString} ({cron.TimeZone.Id})",
        _ => trigger.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Trigger} changed from {Stored} to {Declared}: the stored trigger is replaced")]
    private static partial void LogChanged(ILogger logger, TriggerKey trigger, string stored, string declared);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger {Trigger} was stored by another instance starting at the same moment; its schedule stands")]
    private static partial void LogStoredByAnother(ILogger logger, TriggerKey trigger);
}
