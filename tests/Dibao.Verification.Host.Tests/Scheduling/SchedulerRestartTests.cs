using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.PublicNotice;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dibao.Verification.Host.Tests.Scheduling;

/// <summary>The scheduler's store on the embedded default: a restarted hub carries on with the schedule it stored.</summary>
public sealed class SchedulerRestartTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Quartz's default, which the hub keeps: a firing later than this after its time has misfired.</summary>
    private static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_restarted_hub_keeps_the_rhythm_of_the_stored_reminders_rather_than_starting_them_again()
    {
        string[] settings = [$"Confirmation:ReminderInterval={Interval}"];
        var first = await RunningHub.StartAsync(settings);
        var before = await WaitForFiringAsync(first, after: null);
        var stored = await RemindersAsync(first);

        await using var second = await first.RestartAsync(settings);
        var restarted = DateTimeOffset.UtcNow;
        // A firing scheduled after the restart is the restarted hub's own, not one the first fired while stopping.
        var after = await WaitForFiringAsync(second, after: restarted);
        var carried = await RemindersAsync(second);

        // The stored trigger went on counting its firings; one stored again at the restart would count from nothing.
        carried.TimesTriggered.ShouldBeGreaterThan(stored.TimesTriggered, $"{stored.TimesTriggered} firings before the restart");
        if (carried.StartTimeUtc == stored.StartTimeUtc)
        {
            // The stored trigger's firings are its start plus whole intervals; one started again at the restart would not be.
            ((after - before).Ticks % Interval.Ticks).ShouldBe(0, $"fired at {before:O}, then after the restart at {after:O}");
        }
        else
        {
            // Only a misfire moves the stored trigger's start: a restart on a busy machine that left its next firing more
            // than Quartz's misfire threshold late, after which it fires at once and keeps the interval from then.
            (carried.StartTimeUtc - before).ShouldBeGreaterThan(MisfireThreshold,
                $"the start moved from {stored.StartTimeUtc:O} to {carried.StartTimeUtc:O}, fired at {before:O} before the restart");
            ((after - carried.StartTimeUtc).Ticks % Interval.Ticks).ShouldBe(0, $"started again at {carried.StartTimeUtc:O}, fired at {after:O}");
        }
    }

    [Fact]
    public async Task A_restart_with_the_same_schedule_leaves_the_stored_trigger_as_it_was()
    {
        string[] settings = ["Confirmation:ReminderInterval=01:00:00"];
        var first = await RunningHub.StartAsync(settings);
        var stored = await RemindersAsync(first);

        // Declared again at the restart, a trigger replaced would start a full interval after it.
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        await using var second = await first.RestartAsync(settings);
        var after = await RemindersAsync(second);

        after.NextFireTimeUtc.ShouldBe(stored.NextFireTimeUtc);
        after.StartTimeUtc.ShouldBe(stored.StartTimeUtc);
    }

    [Fact]
    public async Task A_changed_interval_replaces_the_stored_trigger_at_the_restart()
    {
        var first = await RunningHub.StartAsync("Confirmation:ReminderInterval=01:00:00");
        (await RemindersAsync(first)).RepeatInterval.ShouldBe(TimeSpan.FromHours(1));

        var restarting = DateTimeOffset.UtcNow;
        await using var second = await first.RestartAsync("Confirmation:ReminderInterval=00:30:00");
        var after = await RemindersAsync(second);

        after.RepeatInterval.ShouldBe(TimeSpan.FromMinutes(30));
        after.NextFireTimeUtc!.Value.ShouldBeInRange(restarting, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task A_store_written_before_the_jobs_were_durable_is_upgraded_and_keeps_its_triggers()
    {
        string[] settings = ["Confirmation:ReminderInterval=01:00:00"];
        var first = await RunningHub.StartAsync(settings);
        var stored = await RemindersAsync(first);

        // As builds before the jobs were stored durably left them: a job without a trigger would then be deleted.
        var demoted = await first.QueryDatabaseAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE QRTZ_JOB_DETAILS SET IS_DURABLE = 0"));
        demoted.ShouldBe(3);

        await using var second = await first.RestartAsync(settings);
        var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var job in new[] { OverdueReminderJob.Key, PublicNoticeJob.Key, RecomparisonJob.Key })
        {
            (await scheduler.GetJobDetail(job)).ShouldNotBeNull().Durable.ShouldBeTrue(job.ToString());
            (await scheduler.GetTriggersOfJob(job)).Count.ShouldBe(1, job.ToString());
        }

        (await RemindersAsync(second)).NextFireTimeUtc.ShouldBe(stored.NextFireTimeUtc);
    }

    private static async Task<ISimpleTrigger> RemindersAsync(RunningHub hub)
    {
        var scheduler = await hub.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTrigger(OverdueReminderJob.TriggerKey)).ShouldBeAssignableTo<ISimpleTrigger>()!;
    }

    /// <summary>The reminders' last firing as stored, once there is one later than <paramref name="after"/>.</summary>
    private static async Task<DateTimeOffset> WaitForFiringAsync(RunningHub hub, DateTimeOffset? after)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var ticks = await hub.QueryDatabaseAsync(db => db.Database
                .SqlQueryRaw<long?>("SELECT PREV_FIRE_TIME AS \"Value\" FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'overdue-reminders'")
                .SingleOrDefaultAsync());
            if (ticks is { } fired && new DateTimeOffset(fired, TimeSpan.Zero) is var firing && (after is null || firing > after))
            {
                return firing;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the reminders did not fire");
            await Task.Delay(100);
        }
    }
}
