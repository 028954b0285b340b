using Dibao.Verification.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace Dibao.Verification.Host.Operations.Telemetry;

public static class HubTelemetryRegistration
{
    /// <summary>The hub's tracing and metrics (<c>Telemetry:*</c>): the shared ones, and the gauges read from the database.</summary>
    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<HubGauges>();
        return services.AddVerificationTelemetry(
            configuration,
            "dibao-hub",
            metrics: meter => meter.AddInstrumentation(provider => provider.GetRequiredService<HubGauges>()));
    }
}
