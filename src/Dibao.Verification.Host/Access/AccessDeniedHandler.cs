using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.WebConsole;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Access;

/// <summary>
/// A signed-in caller whose role may not call the endpoint gets a coded 403 (on a console page, a page saying so), and the
/// refusal is logged and audited.
/// </summary>
internal sealed partial class AccessDeniedHandler(IOptions<AuthOptions> options, TimeProvider clock, ILogger<AccessDeniedHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    public const int RoleRefusedEventId = 4030;

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var caller = Caller.From(context.User, options.Value);
        var user = caller?.User ?? context.User.FindFirst(options.Value.UserClaim)?.Value ?? "";
        LogRefused(logger, user, caller?.Role ?? "", caller?.Jurisdiction ?? "", context.Request.Method, context.Request.Path);
        await context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(
            [RequestAudit.RoleRefused(clock.GetUtcNow().UtcDateTime, user, caller?.Role ?? "", caller?.Jurisdiction ?? "", $"{context.Request.Method} {context.Request.Path}")],
            CancellationToken.None);
        var message = caller is null
            ? "令牌缺少有效的用户、角色或辖区代码（角色与辖区代码位数须相符）"
            : $"角色 {caller.Role} 无权进行此操作";
        if (context.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpoint>() is not null)
        {
            await RefusedPage.WriteAsync(context, message);
            return;
        }

        await HubProblems.WriteAsync(context, StatusCodes.Status403Forbidden, ProblemCodes.RoleNotPermitted, "Forbidden", message);
    }

    [LoggerMessage(EventId = RoleRefusedEventId, EventName = "AccessRoleRefused", Level = LogLevel.Warning,
        Message = "Access refused to role: {User} ({Role}, {Jurisdiction}) may not {Method} {Path}")]
    private static partial void LogRefused(ILogger logger, string user, string role, string jurisdiction, string method, string path);
}
