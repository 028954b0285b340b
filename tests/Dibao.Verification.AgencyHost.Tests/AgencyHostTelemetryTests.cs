using System.Diagnostics;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Messaging.Telemetry;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dibao.Verification.AgencyHost.Tests;

/// <summary>The agency host continues the trace a question brings, to the agency's HTTP call, and exports only where told.</summary>
public sealed class AgencyHostTelemetryTests
{
    [Fact]
    public async Task A_question_s_trace_goes_on_through_the_host_to_the_agency_s_HTTP_call_with_the_identity_number_masked()
    {
        var spans = new SynchronizedCollection<Activity>();
        var metrics = new SynchronizedCollection<Metric>();
        await using var host = await RunningAgencyHost.StartAsync(
            builder =>
            {
                // One attempt however slow the machine: a retry would make a second "agency request" span.
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Agencies:SocialSecurity:AttemptTimeout"] = "00:01:00" });
                builder.Services.AddOpenTelemetry()
                    .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
                    .WithMetrics(meter => meter.AddInMemoryExporter(metrics));
            },
            "social-security");
        host.Services.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get("social-security").AttemptTimeout.ShouldBe(TimeSpan.FromMinutes(1));
        var member = host.Sandbox.Population.Households(start: 400).First().Members[0];
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answers = host.Bus.ConnectReceiveEndpoint($"test-answers-{Guid.NewGuid():N}", endpoint =>
            endpoint.Handler<AgencyFindingsReported>(_ =>
            {
                answered.TrySetResult();
                return Task.CompletedTask;
            }));
        await answers.Ready;

        // The hub's outbox send, as the question's parent.
        using var hubSpan = new Activity("outbox send") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        var question = new QueryAgency(Guid.NewGuid(), "social-security", new DateOnly(2026, 11, 15), new DateOnly(2026, 5, 1), new DateOnly(2026, 10, 1), [new PersonToCheck(member.IdNumber, member.Name)]);
        var queue = await host.Bus.GetSendEndpoint(new Uri("queue:agency-social-security"));
        await queue.Send(question, context => context.ResponseAddress = answers.ReceiveEndpoint.InputAddress);
        hubSpan.Stop();
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        host.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        var tracer = host.Services.GetRequiredService<TracerProvider>();

        // A span is exported when it stops, and the consume span, the call's parent, may stop only after the answer has
        // gone: wait for it (or give up after a minute and let the assertions below say what is missing).
        IReadOnlyList<Activity> captured;
        Dictionary<ActivitySpanId, Activity> trace;
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(50))
        {
            tracer.ForceFlush().ShouldBeTrue();
            captured = spans.Snapshot();
            trace = captured.Where(s => s.TraceId == hubSpan.TraceId).ToDictionary(s => s.SpanId);
            var known = trace;
            if (trace.Values.Any(s => s.OperationName == "agency request" && known.ContainsKey(s.ParentSpanId)) || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                break;
            }
        }

        var call = trace.Values.Single(s => s.OperationName == "agency request");
        call.GetTagItem("dibao.agency").ShouldBe("social-security");
        trace.ShouldContainKey(call.ParentSpanId, "the call is made while the question is consumed");
        trace[call.ParentSpanId].Source.Name.ShouldBe("MassTransit");
        var http = trace.Values.Single(s => s.Kind == ActivityKind.Client && s.ParentSpanId == call.SpanId);
        ((string)http.GetTagItem("url.full")!).ShouldContain("/api/v1/insured-persons/" + IdentityNumberRedaction.Redact(member.IdNumber));
        captured.SelectMany(s => s.TagObjects.Select(t => $"{t.Value}").Append(s.DisplayName))
            .Count(text => text.Contains(member.IdNumber, StringComparison.OrdinalIgnoreCase)).ShouldBe(0, "the identity number unmasked in a span");
        metrics.ShouldContain(m => m.Name == "dibao.agency.request.duration");
    }

    [Fact]
    public void Nothing_is_recorded_or_exported_unless_an_OTLP_endpoint_is_configured()
    {
        using var quiet = Services([]);
        quiet.GetService<TracerProvider>().ShouldBeNull();
        quiet.GetService<MeterProvider>().ShouldBeNull();

        using var exporting = Services(["--Telemetry:Otlp:Endpoint=http://127.0.0.1:4317"]);
        exporting.GetService<TracerProvider>().ShouldNotBeNull();
        exporting.GetService<MeterProvider>().ShouldNotBeNull();
    }

    [Fact]
    public async Task Over_HTTP_spans_and_metrics_go_to_the_collector_s_signal_paths_with_the_configured_headers()
    {
        var received = new SynchronizedCollection<string>();
        await using var collector = WebApplication.CreateSlimBuilder().Build();
        collector.Urls.Add("http://127.0.0.1:0");
        collector.MapPost("/otlp/{**signal}", (HttpRequest request) =>
        {
            received.Add($"{request.Path} {request.Headers["x-api-key"]} {request.ContentType}");
            return Results.Ok();
        });
        await collector.StartAsync();

        using (var services = Services(
            [$"--Telemetry:Otlp:Endpoint={collector.Urls.Single()}/otlp/", "--Telemetry:Otlp:Protocol=HttpProtobuf", "--Telemetry:Otlp:Headers=x-api-key=collector-key"]))
        {
            var tracer = services.GetRequiredService<TracerProvider>();
            var meter = services.GetRequiredService<MeterProvider>();
            using (var source = new ActivitySource(TelemetryNames.Agencies))
            {
                source.StartActivity("agency request")?.Stop();
            }

            tracer.ForceFlush().ShouldBeTrue();
            meter.ForceFlush().ShouldBeTrue();
        }

        received.ShouldContain("/otlp/v1/traces collector-key application/x-protobuf");
        received.ShouldContain("/otlp/v1/metrics collector-key application/x-protobuf");
    }

    [Fact]
    public void An_OTLP_endpoint_that_is_no_http_address_stops_it_naming_the_key()
    {
        var error = Should.Throw<OptionsValidationException>(() => AgencyHostApplication.Build(
            ["--AgencyHost:Agencies:0=social-security", "--Agencies:SocialSecurity:BaseUrl=http://127.0.0.1:9/", "--Telemetry:Otlp:Endpoint=collector:4317"]));

        StartupErrors.Describe(error).ShouldNotBeNull().ShouldContain("Telemetry:Otlp:Endpoint", Case.Sensitive);
    }

    private static ServiceProvider Services(string[] args) =>
        new ServiceCollection()
            .AddLogging()
            .AddVerificationTelemetry(new ConfigurationBuilder().AddCommandLine(args).Build(), "dibao-agency-host")
            .BuildServiceProvider();
}
