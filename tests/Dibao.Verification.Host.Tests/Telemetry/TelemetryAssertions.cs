using System.Diagnostics;
using Dibao.Verification.Sandbox.Population;
using OpenTelemetry.Metrics;

namespace Dibao.Verification.Host.Tests.Telemetry;

/// <summary>What a batch's captured spans and metrics must show, whichever bus carried it.</summary>
internal static class TelemetryAssertions
{
    /// <summary>
    /// The batch's request is the ancestor, through the outbox and the bus, of an HTTP call to each agency and of every
    /// answer's recording; evaluation passes link those recordings.
    /// </summary>
    /// <param name="hub">The hub's address: spans are captured process-wide, other tests' hubs' included.</param>
    public static void ShouldTraceTheBatch(IReadOnlyList<Activity> all, Uri hub, IReadOnlyList<SyntheticHousehold> households, IReadOnlyList<string> agencies)
    {
        var request = all.Single(s => s.Kind == ActivityKind.Server
            && s.GetTagItem("http.request.method") as string == "POST"
            && s.GetTagItem("url.path") as string == "/api/v1/batches"
            && s.GetTagItem("server.port") is int port && port == hub.Port);
        var trace = all.Where(s => s.TraceId == request.TraceId).ToDictionary(s => s.SpanId);
        foreach (var agency in agencies)
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
            .ShouldBe(agencies, ignoreOrder: true);
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
    }

    /// <summary>No identity number of the batch in any span or metric, and some agency URL shown masked.</summary>
    public static void ShouldMaskIdentityNumbers(IReadOnlyList<Activity> spans, IReadOnlyList<MetricSnapshot> metrics, IReadOnlyList<SyntheticHousehold> households)
    {
        var texts = spans.SelectMany(SpanTexts).Concat(metrics.SelectMany(MetricTexts)).ToList();
        foreach (var idNumber in households.SelectMany(h => h.Members).Select(m => m.IdNumber))
        {
            texts.Count(t => t.Contains(idNumber, StringComparison.OrdinalIgnoreCase)).ShouldBe(0, $"identity number {idNumber[..6]}… unmasked");
        }

        spans.ShouldContain(
            s => s.Kind == ActivityKind.Client && ((s.GetTagItem("url.full") as string) ?? "").Contains("********", StringComparison.Ordinal),
            "some agency took the identity number in its URL, masked in the span");
    }

    public static long Total(SynchronizedCollection<MetricSnapshot> metrics, string name) =>
        Points(metrics, name) is { Count: > 0 } points ? points.Sum(p => p.Value) : -1;

    /// <summary>The metric's points at its last collection: a gauge's value, a counter's sum, a histogram's count.</summary>
    public static List<(Dictionary<string, object?> Tags, long Value)> Points(SynchronizedCollection<MetricSnapshot> metrics, string name)
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
}
