using System.Net;
using System.Text.Json;
using Refit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// What an adapter makes of an agency's HTTP answer once the resilience pipeline is done with it: the body it
/// expected, or the exception that tells whether asking again later can help. Shared by every adapter, whether
/// or not its flow fits <see cref="AgencyLookup"/>.
/// </summary>
public static class AgencyResponses
{
    private const char ByteOrderMarkCharacter = '\uFEFF';

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <param name="source">The agency or bank named in the exception, e.g. <c>bank:ICBC</c>.</param>
    public static T Content<T>(string source, IApiResponse<T> response, string operation)
        where T : class
    {
        if (response.IsSuccessful && response.Content is { } content)
        {
            return content;
        }

        var message = $"{source} answered {operation} with a body that could not be read.";

        // The inner JsonException names the offending path, never its value.
        var cause = response.Error?.InnerException ?? response.Error;
        throw new AgencyRejectedException(QueryRefusalCodes.UnreadableAnswer, message, cause);
    }

    /// <summary>
    /// Turns an answer the adapter has no meaning for into the exception that tells whether asking again can help:
    /// <see cref="AgencyUnavailableException"/> for no answer or a transient status, otherwise an
    /// <see cref="AgencyRejectedException"/> under the agency's error code, or <c>HTTP_&lt;status&gt;</c> without one.
    /// </summary>
    public static Exception Failure(string source, IApiResponse response, string operation)
    {
        if (response.StatusCode is not { } statusCode)
        {
            response.HasRequestError(out var requestError);
            return new AgencyUnavailableException($"{source} did not answer {operation}.", requestError?.InnerException ?? requestError);
        }

        var status = (int)statusCode;
        if (AgencyResiliencePipeline.IsTransient(statusCode))
        {
            return new AgencyUnavailableException($"{source} still answered {status} to {operation} after retries.");
        }

        var code = RefusalCode(response, statusCode);
        return statusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new AgencyRejectedException(code, $"{source} refused the credentials ({status}, {code}) for {operation}.")
            : new AgencyRejectedException(code, $"{source} answered {status} to {operation} with code {code}.");
    }

    /// <summary>The agency's error code from the body of a refusal if it is safe to pass on, otherwise <c>HTTP_&lt;status&gt;</c>.</summary>
    public static string RefusalCode(IApiResponse response, HttpStatusCode status) =>
        QueryRefusalCodes.FromAgency(ErrorCode(response), QueryRefusalCodes.Http(status));

    /// <summary>The <c>code</c> of an agency error body such as <c>{"code":"PERSON_NOT_FOUND"}</c>, if there is one.</summary>
    public static string? ErrorCode(IApiResponse response) =>
        response.Error is ApiException { Content: { Length: > 0 } body } ? CodeOf(body) : null;

    /// <summary>The string <c>code</c> of a JSON object body; null for anything else, since what to make of it is decided further up.</summary>
    public static string? CodeOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.AsMemory().TrimStart(ByteOrderMarkCharacter));
            return Code(document);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc cref="CodeOf(string)"/>
    public static string? CodeOf(byte[] body)
    {
        try
        {
            // JSON's readers may ignore a byte order mark (RFC 8259, 8.1), as the answers' own reader does; parsing bytes
            // does not skip one.
            using var document = JsonDocument.Parse(body.AsMemory(body.AsSpan().StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0));
            return Code(document);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Code(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object
        && document.RootElement.TryGetProperty("code", out var code)
        && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
}
