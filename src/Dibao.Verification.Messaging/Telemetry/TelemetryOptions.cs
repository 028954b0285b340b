namespace Dibao.Verification.Messaging.Telemetry;

/// <summary>Configuration section <c>Telemetry</c>, read by the hub and the agency hosts alike.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The <c>service.name</c> of every span and metric; empty for the process's own (<c>dibao-hub</c>, <c>dibao-agency-host</c>).</summary>
    public string ServiceName { get; set; } = "";

    public OtlpOptions Otlp { get; set; } = new();
}
