using System.Diagnostics.Metrics;
using Dibao.Verification.Messaging.Telemetry;

namespace Dibao.Verification.Adapters.Common;

/// <summary>Every HTTP attempt at an agency, by agency: how long it took and how it failed.</summary>
public sealed class AgencyRequestMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;

    public AgencyRequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryNames.Agencies);
        _duration = meter.CreateHistogram<double>(
            "dibao.agency.request.duration",
            unit: "s",
            description: "One HTTP attempt at an agency, retries counted apart, by agency and outcome (ok, an HTTP status code, or the failure's type).");
        _errors = meter.CreateCounter<long>(
            "dibao.agency.request.errors",
            unit: "{request}",
            description: "HTTP attempts at an agency that failed (no connection, a timeout, 5xx, 429, 408, 401, 403), by agency and error.type (the status code or the failure's type).");
    }

    /// <param name="outcome"><c>ok</c>, the HTTP status code, or the type of the exception that ended the attempt.</param>
    /// <param name="failed">The agency could not or would not answer (see <see cref="AgencyRequestTelemetryHandler"/>).</param>
    public void Record(string agency, TimeSpan elapsed, string outcome, bool failed)
    {
        var agencyTag = new KeyValuePair<string, object?>("agency", agency);
        _duration.Record(elapsed.TotalSeconds, agencyTag, new KeyValuePair<string, object?>("outcome", outcome));
        if (failed)
        {
            _errors.Add(1, agencyTag, new KeyValuePair<string, object?>("error.type", outcome));
        }
    }
}
