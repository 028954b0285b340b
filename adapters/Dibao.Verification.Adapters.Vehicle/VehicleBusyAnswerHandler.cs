using System.Net;
using Dibao.Verification.Adapters.Common;

namespace Dibao.Verification.Adapters.Vehicle;

/// <summary>
/// The administration reports "busy" and internal errors inside 200 bodies, which the shared pipeline would take
/// for answers. Below the resilience handler, this turns them into the failed attempt they are, so they are
/// retried, counted by the circuit breaker and, when the retries are spent, reported as the agency being unavailable.
/// </summary>
internal sealed class VehicleBusyAnswerHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        string? code;
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            code = AgencyResponses.CodeOf(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (!VehicleResultCodes.IsTransient(code))
        {
            return response;
        }

        response.Dispose();
        throw new HttpRequestException($"The traffic administration answered {code} inside a 200 body: it asks to be asked again later.", null, HttpStatusCode.OK);
    }
}
