using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Operations;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>token --user NAME --role ROLE --jurisdiction CODE</c>: prints a token signed with the embedded default's local key
/// as the last line of stdout (created in <c>data/</c> if the hub never started). Reads the same settings as the hub, so
/// <c>--Auth:Key=value</c> applies. Exit codes: 0 printed, 2 usage; a hub trusting an identity provider, or the Production
/// environment, is a configuration error reported like the hub's own.
/// </summary>
public static class TokenCommand
{
    private const string Usage = """
        用法: dotnet run --project src/Dibao.Verification.Host -- token --user <用户> --role <角色> --jurisdiction <辖区代码> [--配置键=值 ...]
          角色: township-caseworker（乡镇，9位代码）、county-reviewer（县，6位）、city-reviewer（市，4位）、auditor、admin（4、6或9位）
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? user = null, role = null, jurisdiction = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--user":
                    user = Value();
                    break;
                case "--role":
                    role = Value();
                    break;
                case "--jurisdiction":
                    jurisdiction = Value();
                    break;
                case "-h" or "--help":
                    error.WriteLine(Usage);
                    return 0;
                default:
                    settings.Add(args[i]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(user) || user.Length > Caller.MaxUserLength || role is null || !HubRoles.All.Contains(role)
            || jurisdiction is null || !HubRoles.FitsJurisdiction(role, jurisdiction))
        {
            error.WriteLine("需要 --user、--role 和与角色位数相符的 --jurisdiction");
            error.WriteLine(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = UnwatchedConfiguration.Args(settings), ContentRootPath = AppContext.BaseDirectory });
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        AccessRegistration.RefuseLocalKeyInProduction(auth, builder.Environment);
        var token = LocalTokens.Mint(auth, user.Trim(), role, jurisdiction);
        error.WriteLine($"{user.Trim()}（{role}，{jurisdiction}）的令牌，{auth.LocalTokenLifetime.TotalHours:0.#} 小时内有效；以 Authorization: Bearer <令牌> 调用接口：");
        output.WriteLine(token);
        return 0;
    }
}
