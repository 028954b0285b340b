using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dibao.Verification.Host.Tests.Telemetry;

public sealed class TelemetryOffTests
{
    /// <summary>The hub calls no collector its operators did not configure, and spends nothing on spans nobody reads.</summary>
    [Fact]
    public async Task Without_an_OTLP_endpoint_the_hub_builds_no_tracer_or_meter_provider()
    {
        await using var hub = await RunningHub.StartAsync();

        hub.Services.GetService<TracerProvider>().ShouldBeNull();
        hub.Services.GetService<MeterProvider>().ShouldBeNull();
    }
}
