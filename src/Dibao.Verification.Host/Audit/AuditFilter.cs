using Dibao.Verification.Host.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// Appends what a request gathered in <see cref="RequestAudit"/> once its endpoint has answered, and before the answer
/// is written: a read that cannot be audited fails rather than shows data unrecorded. A refusal is recorded even when
/// the caller has gone.
/// </summary>
public sealed class AuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var services = http.RequestServices;
        var read = http.GetEndpoint()?.Metadata.GetMetadata<AuditedRead>() is not null && Succeeded(result);
        var caller = Caller.From(http.User, services.GetRequiredService<IOptions<AuthOptions>>().Value);
        var entries = services.GetRequiredService<RequestAudit>().Take(caller, read, $"{http.Request.Method} {http.Request.Path}");
        await services.GetRequiredService<AuditTrail>().RecordAsync(entries, CancellationToken.None);
        return result;
    }

    /// <summary>A 200, or a file: a file result (an export, a report) carries no status code, and is only ever a success.</summary>
    private static bool Succeeded(object? result) =>
        (result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } or IFileHttpResult;
}
