using System.Diagnostics;
using System.Net;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Sandbox.Population;
using Microsoft.Extensions.DependencyInjection;
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
        var hub = await RunningHub.StartAsync(
            builder => builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                .WithMetrics(meter => meter.AddInMemoryExporter(metrics)),

            // One person a question, so the agencies are asked by their single-person URLs, identity number in the path or query.
            "Verification:PersonsPerQuery=1",
            "Sandbox:Faults:housing-fund:TransientRate=0.3");
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
            while (!(meters.ForceFlush() && Total(metrics, "dibao.outbox.backlog") == 0 && Total(metrics, "dibao.cases") == households.Count))
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
        Points(metrics, "dibao.households").Where(p => p.Value > 0).ToDictionary(p => (string)p.Tags["outcome"]!, p => p.Value)
            .ShouldBe(outcomes.ToDictionary(o => o.Key, o => (long)o.Value), ignoreOrder: true);
        Points(metrics, "dibao.outbox.parked").Single().Value.ShouldBe(0);
        Points(metrics, "dibao.cases").ShouldAllBe(p => p.Tags.ContainsKey("tier") && p.Tags.ContainsKey("state"));
        Points(metrics, "dibao.evaluation.queue_depth").Single().Value.ShouldBe(0);
        var calls = Points(metrics, "dibao.agency.request.duration");
        foreach (var agency in DirectAgencies)
        {
            calls.Where(p => (string)p.Tags["agency"]! == agency && (string)p.Tags["outcome"]! == "ok").Sum(p => p.Value)
                .ShouldBeGreaterThan(0, agency);
        }

        calls.ShouldContain(p => ((string)p.Tags["agency"]!).StartsWith("bank:", StringComparison.Ordinal));
        var errors = Points(metrics, "dibao.agency.request.errors");
        errors.Where(p => (string)p.Tags["agency"]! == "housing-fund").Sum(p => p.Value).ShouldBeGreaterThan(0, "a third of its requests failed");
        errors.ShouldAllBe(
            p => (string)p.Tags["agency"]! == "housing-fund",
            "only the housing fund was made to fail (a 404 about a person is an answer): " + string.Join(", ", errors.Select(e => $"{e.Tags["agency"]} {e.Tags["error.type"]} {e.Value}")));

        // The trace: the batch's request is the ancestor of every agency's HTTP call and of every answer's recording.
        var all = spans.Snapshot();
        var request = all.Single(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.request.method") as string == "POST" && s.GetTagItem("url.path") as string == "/api/v1/batches");
        var trace = all.Where(s => s.TraceId == request.TraceId).ToDictionary(s => s.SpanId);
        foreach (var agency in DirectAgencies)
        {
            var chain = trace.Values
                .Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is not null)
                .Select(s => Ancestry(s, trace))
                .FirstOrDefault(c => c.Count > 1 && c[1].GetTagItem("dibao.agency") as string == agency);
            chain.ShouldNotBeNull($"no HTTP call to {agency} in the batch's trace");
            ShouldDescendThroughTheOutbox(chain, request);
        }

        trace.Values.ShouldContain(s => s.OperationName == "agency request" && ((string)s.GetTagItem("dibao.agency")!).StartsWith("bank:", StringComparison.Ordinal));
        var recordings = trace.Values.Where(s => s.OperationName == "record agency answer").ToList();
        recordings.Select(s => (string)s.GetTagItem("dibao.agency")!).Where(a => !a.StartsWith("bank:", StringComparison.Ordinal)).Distinct()
            .ShouldBe(DirectAgencies, ignoreOrder: true);
        foreach (var recording in recordings)
        {
            var chain = Ancestry(recording, trace);
            chain.ShouldContain(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer, "the answer was received from the bus");
            ShouldDescendThroughTheOutbox(chain, request);
        }

        // Evaluation passes are traces of their own, linked to the recordings that made their households ready.
        var passes = all.Where(s => s.OperationName == "evaluation pass" && s.Links.Any(l => l.Context.TraceId == request.TraceId)).ToList();
        passes.ShouldNotBeEmpty();
        passes.SelectMany(p => p.Links).Where(l => l.Context.TraceId == request.TraceId)
            .ShouldAllBe(l => trace.ContainsKey(l.Context.SpanId) && trace[l.Context.SpanId].OperationName == "record agency answer");
        passes.Sum(p => (int)p.GetTagItem("dibao.households")!).ShouldBeGreaterThanOrEqualTo(households.Count);

        // No identity number of the batch, in any span or metric.
        var identityNumbers = households.SelectMany(h => h.Members).Select(m => m.IdNumber).ToList();
        var texts = all.SelectMany(SpanTexts).Concat(metrics.Snapshot().SelectMany(MetricTexts)).ToList();
        foreach (var idNumber in identityNumbers)
        {
            texts.ShouldNotContain(t => t.Contains(idNumber, StringComparison.OrdinalIgnoreCase), $"identity number {idNumber[..6]}… unmasked");
        }

        trace.Values.ShouldContain(
            s => s.Kind == ActivityKind.Client && ((s.GetTagItem("url.full") as string) ?? "").Contains("**********", StringComparison.Ordinal),
            "some agency took the identity number in its URL, masked in the span");
    }

    /// <summary>From the span up to the root of the trace, the span first.</summary>
    private static List<Activity> Ancestry(Activity span, IReadOnlyDictionary<ActivitySpanId, Activity> trace)
    {
        var chain = new List<Activity> { span };
        while (chain[^1].ParentSpanId != default && trace.TryGetValue(chain[^1].ParentSpanId, out var parent))
        {
            chain.Add(parent);
        }

        return chain;
    }

    private static void ShouldDescendThroughTheOutbox(List<Activity> chain, Activity request)
    {
        var names = string.Join(" < ", chain.Select(s => $"{s.Source.Name}:{s.DisplayName}"));
        chain.ShouldContain(request, names);
        var outbox = chain.FindIndex(s => s.OperationName == "outbox send");
        outbox.ShouldBeGreaterThan(0, names);
        chain.IndexOf(request).ShouldBeGreaterThan(outbox, names);
        chain.Take(outbox).ShouldContain(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer, names);
        chain.Take(outbox).ShouldContain(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer, names);
    }

    private static IEnumerable<string> SpanTexts(Activity span) =>
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static IEnumerable<string> MetricTexts(MetricSnapshot metric)
    {
        foreach (var point in metric.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                yield return $"{metric.Name}:{tag.Key}={tag.Value}";
            }
        }
    }

    private static long Total(SynchronizedCollection<MetricSnapshot> metrics, string name) =>
        Points(metrics, name) is { Count: > 0 } points ? points.Sum(p => p.Value) : -1;

    /// <summary>The metric's points at its last collection: a gauge's value, a counter's sum, a histogram's count.</summary>
    private static List<(Dictionary<string, object?> Tags, long Value)> Points(SynchronizedCollection<MetricSnapshot> metrics, string name)
    {
        var last = metrics.Snapshot().LastOrDefault(m => m.Name == name);
        if (last is null)
        {
            return [];
        }

        var points = new List<(Dictionary<string, object?>, long)>();
        foreach (var point in last.MetricPoints)
        {
            var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            points.Add((tags, last.MetricType switch
            {
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                MetricType.Histogram => point.GetHistogramCount(),
                _ => throw new InvalidOperationException($"{name} is a {last.MetricType}"),
            }));
        }

        return points;
    }
}
