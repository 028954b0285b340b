using System.Text;
using System.Text.Json;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Reads the whole body inside the attempt and fails the attempt when a successful answer is not complete
/// JSON, so that a connection dropped part-way through an answer is retried like any other dropped
/// connection instead of being taken for an answer the adapter cannot read. A <c>charset</c> the runtime does not know
/// (<c>utf8</c>, as some servers label UTF-8) is dropped rather than failing the read: JSON defines no such parameter and is
/// UTF-8 (RFC 8259, 8.1 and 11).
/// </summary>
internal sealed class IncompleteAnswerHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentType is { CharSet.Length: > 0 } type && !IsKnownEncoding(type.CharSet))
            {
                type.CharSet = null;
            }

            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                (await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false)).Dispose();
                body.Position = 0;
            }

            return response;
        }
        catch (JsonException e)
        {
            response.Dispose();
            throw new HttpRequestException("The agency's answer ended before it was complete JSON.", e);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsKnownEncoding(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
