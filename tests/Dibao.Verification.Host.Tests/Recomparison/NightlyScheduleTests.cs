using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dibao.Verification.Host.Tests.Recomparison;

public sealed class NightlyScheduleTests
{
    [Fact]
    public async Task The_nightly_run_is_a_stored_cron_trigger_at_two_in_the_morning_office_time_by_default_and_follows_the_setting()
    {
        await using (var hub = await RunningHub.StartAsync())
        {
            var trigger = await NightlyAsync(hub);
            trigger.CronExpressionString.ShouldBe("0 0 2 * * ?");
            trigger.TimeZone.BaseUtcOffset.ShouldBe(TimeSpan.FromHours(8));
            var next = trigger.GetFireTimeAfter(DateTimeOffset.UtcNow)!.Value;
            next.ToOffset(TimeSpan.FromHours(8)).TimeOfDay.ShouldBe(TimeSpan.FromHours(2));
            next.Hour.ShouldBe(18, "02:00 in Beijing is 18:00 UTC the day before");
        }

        await using var custom = await RunningHub.StartAsync("Recomparison:Schedule=0 30 1 ? * MON-FRI");
        (await NightlyAsync(custom)).CronExpressionString.ShouldBe("0 30 1 ? * MON-FRI");
    }

    [Fact]
    public async Task The_stored_trigger_is_kept_across_a_restart_and_replaced_when_the_schedule_changed()
    {
        var first = await RunningHub.StartAsync();
        var stored = await NightlyAsync(first);
        stored.CronExpressionString.ShouldBe("0 0 2 * * ?");

        // Its zone read back from the store is the zone declared, so the same settings leave it as it was.
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        var second = await first.RestartAsync();
        (await NightlyAsync(second)).StartTimeUtc.ShouldBe(stored.StartTimeUtc);

        await using var third = await second.RestartAsync("Recomparison:Schedule=0 30 1 ? * MON-FRI");
        var trigger = await NightlyAsync(third);
        trigger.CronExpressionString.ShouldBe("0 30 1 ? * MON-FRI");
        trigger.NextFireTimeUtc!.Value.ToOffset(TimeSpan.FromHours(8)).TimeOfDay.ShouldBe(new TimeSpan(1, 30, 0));
    }

    private static async Task<ICronTrigger> NightlyAsync(RunningHub hub)
    {
        var scheduler = await hub.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTrigger(RecomparisonJob.TriggerKey)).ShouldBeAssignableTo<ICronTrigger>()!;
    }
}
