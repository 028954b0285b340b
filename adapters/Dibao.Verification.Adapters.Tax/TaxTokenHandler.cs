using System.Net;
using System.Net.Http.Headers;
using Dibao.Verification.Adapters.Common;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>
/// Sends the shared bearer token and, when the bureau says it has expired, asks once more with a new one.
/// It sits outside the resilience pipeline, so a token is not fetched per retry and a fetch is not bounded
/// by one attempt's timeout.
/// </summary>
internal sealed class TaxTokenHandler(TaxTokenProvider tokens) : DelegatingHandler
{
    private const string TokenExpired = "TOKEN_EXPIRED";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!await IsTokenExpiredAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        token = await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsTokenExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return AgencyResponses.CodeOf(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) == TokenExpired;
    }
}
