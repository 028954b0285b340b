namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>
/// The database commands as a developer runs them, <c>dotnet run -- migrate</c>: in Development, where every registered
/// service is built to check it before the command runs, so a command that registers what it cannot build fails before
/// it starts.
/// </summary>
public sealed class CommandsInDevelopmentTests
{
    private static readonly Dictionary<string, string> Development = new() { ["ASPNETCORE_ENVIRONMENT"] = "Development" };

    [Fact]
    public async Task Migrate_verify_audit_and_seed_roll_run_in_Development()
    {
        var folder = Directory.CreateTempSubdirectory("dibao-commands-").FullName;
        try
        {
            string[] database = [$"--Database:ConnectionString=Data Source={Path.Combine(folder, "hub.db")}"];

            var migrated = await HubProcess.RunAsync(Development, ["migrate", .. database]);
            migrated.ExitCode.ShouldBe(0, migrated.Stderr);
            migrated.Stdout.ShouldContain("up to date");

            var checkedAudit = await HubProcess.RunAsync(Development, ["verify-audit", .. database]);
            checkedAudit.ExitCode.ShouldBe(0, checkedAudit.Stderr);
            checkedAudit.Stdout.ShouldContain("intact");

            var seeded = await HubProcess.RunAsync(Development, ["seed-roll", "--persons", "10", .. database]);
            seeded.ExitCode.ShouldBe(0, seeded.Stderr);
            seeded.Stdout.ShouldContain("Seeded");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
