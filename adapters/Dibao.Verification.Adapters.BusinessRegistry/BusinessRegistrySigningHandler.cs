using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.BusinessRegistry;

/// <summary>
/// Signs each request as the administration requires. It sits below the resilience handler, so every attempt,
/// retries included, carries a fresh timestamp: a retry after a long Retry-After would otherwise be rejected
/// as too old.
/// </summary>
internal sealed class BusinessRegistrySigningHandler(IOptionsMonitor<BusinessRegistryCredentials> credentials, TimeProvider time)
    : DelegatingHandler
{
    public const string AppIdHeader = "X-App-Id";
    public const string TimestampHeader = "X-Timestamp";
    public const string SignatureHeader = "X-Signature";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = credentials.CurrentValue;
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("A business registry request must have an absolute URI by the time it is signed.");
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var signed = new StringBuilder()
            .Append(current.AppId).Append('\n')
            .Append(timestamp).Append('\n')
            .Append(uri.PathAndQuery);
        if (request.Method == HttpMethod.Post)
        {
            // Reading buffers the content, so the bytes hashed are the bytes sent, on this attempt and on any retry.
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            signed.Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));
        }

        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(current.Secret ?? string.Empty), Encoding.UTF8.GetBytes(signed.ToString()));

        // The resilience handler sends the same request object again on a retry.
        request.Headers.Remove(AppIdHeader);
        request.Headers.Remove(TimestampHeader);
        request.Headers.Remove(SignatureHeader);
        request.Headers.Add(AppIdHeader, current.AppId);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Convert.ToHexStringLower(signature));

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
