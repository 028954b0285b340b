namespace Dibao.Verification.Host.Batches;

internal static class RequestBody
{
    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/> (checked before and while reading).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit sits one byte above ours and may trip first on a body sent without a length.
            return null;
        }

        return buffer.ToArray();
    }
}
