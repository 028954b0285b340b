using System.Diagnostics;
using System.Net;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Sandbox.Population;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dibao.Verification.Host.Tests.Telemetry;

/// <summary>
/// The spans and metrics of a real batch through the hub (API, outbox, bus, adapters, sandbox agencies over HTTP),
/// captured in memory as an OTLP collector would receive them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class BatchTelemetryTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private static readonly string[] DirectAgencies = ["social-security", "housing-fund", "tax", "business-registry", "vehicle"];

    [Fact]
    public async Task A_batch_is_one_trace_from_its_request_through_the_outbox_and_each_agency_to_the_answers_and_their_evaluation()
    {
        var spans = new SynchronizedCollection<Activity>();
        var metrics = new SynchronizedCollection<MetricSnapshot>();
        var logs = new LogLines();
        var hub = await RunningHub.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Services.AddOpenTelemetry()
                    .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                    .WithMetrics(meter => meter.AddInMemoryExporter(metrics));
            },

            // One person a question, so the agencies are asked by their single-person URLs, identity number in the path or query.
            "Verification:PersonsPerQuery=1",
            "Sandbox:Faults:housing-fund:TransientRate=0.3");
        var address = hub.Client.BaseAddress!;
        List<SyntheticHousehold> households;
        Dictionary<string, int> outcomes;
        try
        {
            households = [.. hub.Sandbox.Population.Households(start: 3_100).Take(8)];
            var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var view = await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));
            outcomes = view.Households.GroupBy(h => h.Verification.Outcome).ToDictionary(g => g.Key, g => g.Count());

            // The results' announcements leave the outbox shortly after the results are stored.
            var meters = hub.Services.GetRequiredService<MeterProvider>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(meters.ForceFlush() && TelemetryAssertions.Total(metrics, "dibao.outbox.backlog") == 0 && TelemetryAssertions.Total(metrics, "dibao.cases") == households.Count))
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the outbox backlog and the cases never reached their values in the gauges");
                await Task.Delay(500);
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }

        // Metrics: gauges read from the database, agency calls by agency.
        TelemetryAssertions.Points(metrics, "dibao.households").Where(p => p.Value > 0).ToDictionary(p => (string)p.Tags["outcome"]!, p => p.Value)
            .ShouldBe(outcomes.ToDictionary(o => o.Key, o => (long)o.Value), ignoreOrder: true);
        TelemetryAssertions.Points(metrics, "dibao.outbox.parked").Single().Value.ShouldBe(0);
        TelemetryAssertions.Points(metrics, "dibao.cases").ShouldAllBe(p => p.Tags.ContainsKey("tier") && p.Tags.ContainsKey("state"));
        TelemetryAssertions.Points(metrics, "dibao.evaluation.queue_depth").Single().Value.ShouldBe(0);
        var calls = TelemetryAssertions.Points(metrics, "dibao.agency.request.duration");
        foreach (var agency in DirectAgencies)
        {
            calls.Where(p => (string)p.Tags["agency"]! == agency && (string)p.Tags["outcome"]! == "ok").Sum(p => p.Value)
                .ShouldBeGreaterThan(0, agency);
        }

        calls.ShouldContain(p => ((string)p.Tags["agency"]!).StartsWith("bank:", StringComparison.Ordinal));
        var errors = TelemetryAssertions.Points(metrics, "dibao.agency.request.errors");
        errors.Where(p => (string)p.Tags["agency"]! == "housing-fund").Sum(p => p.Value).ShouldBeGreaterThan(0, "a third of its requests failed");
        errors.ShouldAllBe(
            p => (string)p.Tags["agency"]! == "housing-fund",
            "only the housing fund was made to fail (a 404 about a person is an answer): " + string.Join(", ", errors.Select(e => $"{e.Tags["agency"]} {e.Tags["error.type"]} {e.Value}")));

        TelemetryAssertions.ShouldTraceTheBatch(spans.Snapshot(), address, households, DirectAgencies);
        TelemetryAssertions.ShouldMaskIdentityNumbers(spans.Snapshot(), metrics.Snapshot(), households);
        logs.Lines.Count.ShouldBeGreaterThan(0);
        foreach (var idNumber in households.SelectMany(h => h.Members).Select(m => m.IdNumber))
        {
            logs.Lines.Count(line => line.Contains(idNumber, StringComparison.OrdinalIgnoreCase)).ShouldBe(0, $"identity number {idNumber[..6]}… unmasked in the log");
        }
    }
}
