using System.Net;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// A console page the caller's role may not open: the API's refusal, as a page a browser shows with a way back, where the
/// API answers its clients with a problem document.
/// </summary>
internal static class RefusedPage
{
    public static async Task WriteAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
                <meta charset="utf-8" />
                <title>无权访问 · 居民家庭经济状况核对</title>
                <link rel="stylesheet" href="/console/console.css" />
            </head>
            <body>
                <main>
                    <h1>无权访问</h1>
                    <div class="error" role="alert" data-testid="refusal"><p>{WebUtility.HtmlEncode(message)}</p></div>
                    <p><a class="button" href="/">返回首页</a></p>
                </main>
            </body>
            </html>
            """);
    }
}
