namespace Dibao.Verification.Messaging.Telemetry;

/// <summary>The activity sources and meters of the project's own code, one name for both per process role.</summary>
public static class TelemetryNames
{
    /// <summary>The hub: outbox sends, answer recording, evaluation passes, and its gauges.</summary>
    public const string Hub = "Dibao.Verification.Hub";

    /// <summary>The adapters: one span and one measurement per HTTP attempt at an agency.</summary>
    public const string Agencies = "Dibao.Verification.Agencies";

    /// <summary>The bus's own gauges (<c>dibao.bus.*</c>), beside MassTransit's.</summary>
    public const string Bus = "Dibao.Verification.Bus";
}
