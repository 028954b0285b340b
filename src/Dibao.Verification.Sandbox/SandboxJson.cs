using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Dibao.Verification.Sandbox;

internal static class SandboxJson
{
    /// <summary>Chinese text goes out as UTF-8, as the agencies send it, rather than \u escapes.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IResult Ok(object body) => Results.Json(body, Options);

    public static IResult Error(int statusCode, string code) => Results.Json(new ErrorBody(code), Options, statusCode: statusCode);

    /// <summary>Null when the body is not JSON of the expected shape.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ErrorBody(string Code);
}
