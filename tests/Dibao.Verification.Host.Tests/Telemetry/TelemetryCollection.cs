namespace Dibao.Verification.Host.Tests.Telemetry;

/// <summary>
/// Span and metric listeners are process-wide: while a telemetry test runs, no other test's hub may add its spans
/// and measurements to what the test reads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
