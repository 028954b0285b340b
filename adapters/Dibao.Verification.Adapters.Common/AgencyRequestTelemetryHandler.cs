using System.Diagnostics;
using System.Globalization;
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
            metrics.Record(agency, Stopwatch.GetElapsedTime(started), outcome);
            if (outcome != Ok)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            return response;
        }
        catch (Exception ex)
        {
            // The type alone: an exception's message may quote what the agency said.
            var outcome = ex.GetType().Name;
            metrics.Record(agency, Stopwatch.GetElapsedTime(started), outcome);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }
    }
}
