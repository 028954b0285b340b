using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dibao.Verification.Messaging.Telemetry;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Sits below the resilience handler, so each attempt is a span naming the agency (the HTTP client's own span, with the
/// masked URL, is its child) and a measurement in <see cref="AgencyRequestMetrics"/>.
/// </summary>
internal sealed class AgencyRequestTelemetryHandler(string agency, AgencyRequestMetrics metrics) : DelegatingHandler
{
    public const string Ok = "ok";

    private static readonly ActivitySource Source = new(TelemetryNames.Agencies);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("agency request");
        activity?.SetTag("dibao.agency", agency);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = response.IsSuccessStatusCode ? Ok : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            var failed = IsFailure(response.StatusCode);
            metrics.Record(agency, Stopwatch.GetElapsedTime(started), outcome, failed);
            if (failed)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            return response;
        }
        catch (Exception ex)
        {
            // The type alone: an exception's message may quote what the agency said.
            var outcome = ex.GetType().Name;
            metrics.Record(agency, Stopwatch.GetElapsedTime(started), outcome, failed: true);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }
    }

    /// <summary>
    /// The agency could not or would not answer. A 404 or 400 about a person is an answer (no records, a malformed
    /// number), as each agency's interface documents, and counts as none.
    /// </summary>
    private static bool IsFailure(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
