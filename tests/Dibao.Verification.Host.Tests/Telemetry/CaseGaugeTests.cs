using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Dibao.Verification.Host.Tests.Telemetry;

/// <summary>The cases gauge says what the case views say, not only what is stored.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class CaseGaugeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    /// <summary>
    /// A notice past its last day stays stored on notice until the notice job moves the case, up to
    /// <c>Confirmation:ReminderInterval</c> later; the views already say notice-ended, and so must the gauge.
    /// </summary>
    [Fact]
    public async Task A_notice_past_its_last_day_is_counted_as_ended_before_the_notice_job_moves_it()
    {
        var metrics = new SynchronizedCollection<MetricSnapshot>();
        await using var hub = await RunningHub.StartAsync(builder => builder.Services.AddOpenTelemetry().WithMetrics(meter => meter.AddInMemoryExporter(metrics)));
        var households = hub.Sandbox.Population.Households(start: 3_300).Take(2).ToList();
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);
        var (ended, running) = (batch.Households[0].CaseId!.Value, batch.Households[1].CaseId!.Value);
        var today = hub.Services.GetRequiredService<OfficeClock>().Today;
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == ended).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, CaseState.OnNotice).SetProperty(c => c.NoticeFrom, today.AddDays(-7)).SetProperty(c => c.NoticeTo, today.AddDays(-1))));
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == running).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, CaseState.OnNotice).SetProperty(c => c.NoticeFrom, today).SetProperty(c => c.NoticeTo, today.AddDays(6))));

        // The gauges keep a read for a few seconds: collected until one taken after the change comes.
        var meters = hub.Services.GetRequiredService<MeterProvider>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(meters.ForceFlush() && States(metrics).ContainsKey(CaseNames.NoticeEnded)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the cases gauge never counted a notice past its last day as ended");
            await Task.Delay(500);
        }

        var states = States(metrics);
        (states[CaseNames.NoticeEnded], states[CaseNames.Of(CaseState.OnNotice)]).ShouldBe((1, 1));
        states.Values.Sum().ShouldBe(households.Count);
    }

    private static Dictionary<string, long> States(SynchronizedCollection<MetricSnapshot> metrics) =>
        TelemetryAssertions.Points(metrics, "dibao.cases")
            .GroupBy(p => (string)p.Tags["state"]!)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
}
