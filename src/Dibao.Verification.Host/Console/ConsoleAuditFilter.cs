using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// The console's <see cref="AuditFilter"/>: appends what a page's jurisdiction checks gathered once its handler has run and
/// before the page is rendered, so nothing is shown unaudited. A GET that shows a page marked <see cref="AuditedRead"/> is a
/// read; refusals are recorded always.
/// </summary>
public sealed class ConsoleAuditFilter(RequestAudit audit, AuditTrail trail, IOptions<AuthOptions> options) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        var read = HttpMethods.IsGet(http.Request.Method)
            && executed.Exception is null
            && executed.Result is null or PageResult
            && http.GetEndpoint()?.Metadata.GetMetadata<AuditedRead>() is not null;
        var entries = audit.Take(Caller.From(http.User, options.Value), read, $"{http.Request.Method} {http.Request.Path}");
        await trail.RecordAsync(entries, CancellationToken.None);
    }
}
