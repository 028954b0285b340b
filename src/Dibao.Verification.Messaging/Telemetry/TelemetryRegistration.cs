using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dibao.Verification.Messaging.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry tracing and metrics as the hub and the agency hosts share them: the bus (MassTransit carries the
    /// W3C trace context in its headers), ASP.NET Core, the agencies' HTTP calls (identity numbers masked) and the
    /// project's own sources and meters. Exported over OTLP only when <c>Telemetry:Otlp:Endpoint</c> is set; without
    /// it no provider is built, and nothing is recorded, unless the host adds an exporter of its own (as tests do).
    /// </summary>
    /// <param name="serviceName">The process's <c>service.name</c> unless <c>Telemetry:ServiceName</c> names another.</param>
    public static IServiceCollection AddVerificationTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(
                o => o.Otlp.Endpoint.Length == 0 || IsHttpAddress(o.Otlp.Endpoint),
                "Telemetry:Otlp:Endpoint must be empty (no export) or the collector's absolute http(s) address, e.g. http://collector:4317.")
            .ValidateOnStart();

        var name = options.ServiceName.Length > 0 ? options.ServiceName : serviceName;
        services.ConfigureOpenTelemetryTracerProvider(trace =>
        {
            trace.ConfigureResource(resource => resource.AddService(name))
                .AddSource(DiagnosticHeaders.DefaultListenerName, TelemetryNames.Hub, TelemetryNames.Agencies)
                .AddAspNetCoreInstrumentation(o => o.Filter = IsTraced)
                .AddHttpClientInstrumentation()
                .AddProcessor(new RedactingActivityProcessor());
            tracing?.Invoke(trace);
        });
        services.ConfigureOpenTelemetryMeterProvider(meter =>
        {
            meter.ConfigureResource(resource => resource.AddService(name))
                .AddMeter(InstrumentationOptions.MeterName, TelemetryNames.Hub, TelemetryNames.Agencies, TelemetryNames.Bus, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation();
            metrics?.Invoke(meter);
        });

        if (IsHttpAddress(options.Otlp.Endpoint))
        {
            var endpoint = new Uri(options.Otlp.Endpoint);
            services.AddOpenTelemetry()
                .WithTracing(trace => trace.AddOtlpExporter(o => Configure(o, options.Otlp, endpoint, "v1/traces")))
                .WithMetrics(meter => meter.AddOtlpExporter(o => Configure(o, options.Otlp, endpoint, "v1/metrics")));
        }

        return services;
    }

    /// <summary>Health probes would drown the traces that matter.</summary>
    private static bool IsTraced(HttpContext context) => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static bool IsHttpAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void Configure(OtlpExporterOptions exporter, OtlpOptions options, Uri endpoint, string signalPath)
    {
        exporter.Protocol = options.Protocol;

        // Over HTTP each signal has its own path below the base address, which an address set in code does not get by itself.
        exporter.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;
        if (options.Headers.Length > 0)
        {
            exporter.Headers = options.Headers;
        }
    }
}
