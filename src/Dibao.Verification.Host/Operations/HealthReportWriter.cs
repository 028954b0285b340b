using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Operations;

/// <summary>
/// <c>GET /health</c>: the overall status and each check's status for anyone (load balancers and orchestrators call it
/// without a token), and each check's description and figures for an admin, so an operator sees parked messages and
/// households without reading the database. The figures name households and batches, which are no stranger's business.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var caller = Caller.From(context.User, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value);
        object body = caller?.Role == HubRoles.Admin
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            }
            : new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString() }),
            };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HubJson.Options), context.RequestAborted);
    }
}
