using OpenTelemetry.Exporter;

namespace Dibao.Verification.Messaging.Telemetry;

/// <summary>Configuration section <c>Telemetry:Otlp</c>: where spans and metrics are exported, if anywhere.</summary>
public sealed class OtlpOptions
{
    /// <summary>
    /// The collector's base address (<c>http://collector:4317</c> for gRPC, <c>http://collector:4318</c> for HTTP);
    /// empty, the default, exports nothing: a process calls nothing its operators did not configure.
    /// </summary>
    public string Endpoint { get; set; } = "";

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>Sent with every export, <c>key=value</c> pairs separated by commas (a collector's API key).</summary>
    public string Headers { get; set; } = "";
}
