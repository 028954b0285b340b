using Dibao.Verification.Host.Tests.EndToEnd;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Startup;

public sealed class UsageTelemetryTests
{
    /// <summary>MassTransit would report the hub's bus to its vendor's server a few minutes after start.</summary>
    [Fact]
    public async Task The_hub_sends_no_usage_telemetry()
    {
        await using var hub = await RunningHub.StartAsync();

        var enabled = await hub.InScopeAsync(services => Task.FromResult(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled));

        enabled.ShouldBeFalse();
    }
}
