using System.Net;
using System.Text.Json;

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
            code = ResultCode(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
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

    /// <summary>Null for a body that is not a JSON object with a string code; what to make of it is decided further up.</summary>
    private static string? ResultCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
