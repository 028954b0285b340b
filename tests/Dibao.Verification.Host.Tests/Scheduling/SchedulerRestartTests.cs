using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Scheduling;

/// <summary>The scheduler's store on the embedded default: a restarted hub carries on with the schedule it stored.</summary>
public sealed class SchedulerRestartTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_restarted_hub_keeps_the_rhythm_of_the_stored_reminders_rather_than_starting_them_again()
    {
        string[] settings = [$"Confirmation:ReminderInterval={Interval}"];
        var first = await RunningHub.StartAsync(settings);
        var before = await WaitForFiringAsync(first, after: null);

        await using var second = await first.RestartAsync(settings);
        var after = await WaitForFiringAsync(second, after: before);

        // The stored trigger's firings are its start plus whole intervals; one started again at the restart would not be.
        ((after - before).Ticks % Interval.Ticks).ShouldBe(0, $"fired at {before:O}, then after the restart at {after:O}");
    }

    /// <summary>The reminders' last firing as stored, once there is one later than <paramref name="after"/>.</summary>
    private static async Task<DateTimeOffset> WaitForFiringAsync(RunningHub hub, DateTimeOffset? after)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
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
