using System.Diagnostics;
using System.Net;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.RabbitMq;
using Dibao.Verification.Sandbox.Population;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dibao.Verification.Host.Tests.Telemetry;

/// <summary>The trace context crosses a real broker in the messages' headers, and the queues' depths are measured.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqTelemetryTests(RabbitMqNode node)
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [RabbitMqFact]
    public async Task A_batch_on_RabbitMQ_is_one_trace_and_the_queues_depths_are_measured()
    {
        var vhost = await node.NewVirtualHostAsync();
        var spans = new SynchronizedCollection<Activity>();
        var metrics = new SynchronizedCollection<MetricSnapshot>();
        var hub = await RunningHub.StartAsync(
            builder => builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                .WithMetrics(meter => meter.AddInMemoryExporter(metrics)),
            [.. vhost.HubSettings, "Verification:PersonsPerQuery=1"]);
        var address = hub.Client.BaseAddress!;
        List<SyntheticHousehold> households;
        try
        {
            households = [.. hub.Sandbox.Population.Households(start: 3_200).Take(6)];
            var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));
            hub.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        }
        finally
        {
            await hub.DisposeAsync();
        }

        var depths = TelemetryAssertions.Points(metrics, "dibao.bus.queue_depth");
        depths.Select(p => (string)p.Tags["queue"]!).ShouldContain("agency-tax");
        depths.Select(p => (string)p.Tags["queue"]!).ShouldContain("hub-agency-findings");
        depths.ShouldAllBe(p => p.Value >= 0);
        TelemetryAssertions.Points(metrics, "dibao.bus.faulted_messages").Select(p => (string)p.Tags["queue"]!).ShouldContain("agency-tax");

        TelemetryAssertions.ShouldTraceTheBatch(spans.Snapshot(), address, households, ["social-security", "housing-fund", "tax", "business-registry", "vehicle"]);
        TelemetryAssertions.ShouldMaskIdentityNumbers(spans.Snapshot(), metrics.Snapshot(), households);
    }
}
