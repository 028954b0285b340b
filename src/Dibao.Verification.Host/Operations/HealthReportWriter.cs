using System.Text.Json;
using Dibao.Verification.Host.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dibao.Verification.Host.Operations;

/// <summary>
/// <c>GET /health</c> in detail: the overall status and each check's status, description and figures, so an operator
/// sees parked messages and households without reading the database.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HubJson.Options), context.RequestAborted);
    }
}
