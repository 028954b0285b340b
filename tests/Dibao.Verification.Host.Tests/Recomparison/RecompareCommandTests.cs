using System.Text.RegularExpressions;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.Startup;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary><c>seed-roll</c> then <c>recompare</c>, run as an operator runs them, on one database, with the sandbox's agencies.</summary>
public sealed partial class RecompareCommandTests
{
    private static readonly Dictionary<string, string> Testing = new() { ["ASPNETCORE_ENVIRONMENT"] = "Testing" };

    [Fact]
    public async Task Recompare_runs_over_the_seeded_roll_and_prints_the_figures_of_the_completed_run()
    {
        var folder = Directory.CreateTempSubdirectory("dibao-recompare-");
        try
        {
            // Both commands read the roll's members with the same keys, as two starts of one hub do.
            string[] database =
            [
                $"--Database:ConnectionString=Data Source={Path.Combine(folder.FullName, "hub.db")}",
                $"--Encryption:Key={PersonalDataKeys.WellKnownTestKey}",
                $"--Audit:LocalPersonKeyPath={Path.Combine(folder.FullName, "audit-person-key")}",
                $"--Auth:LocalSigningKeyPath={Path.Combine(folder.FullName, "signing-key.pem")}",
            ];
            var seeded = await HubProcess.RunAsync(Testing, ["seed-roll", "--persons", "25", "--start", "2500", .. database]);
            seeded.ExitCode.ShouldBe(0, seeded.Stderr);
            var seededFigures = Seeded().Match(seeded.Stdout);
            seededFigures.Success.ShouldBeTrue(seeded.Stdout);
            var households = int.Parse(seededFigures.Groups["households"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var persons = int.Parse(seededFigures.Groups["persons"].Value, System.Globalization.CultureInfo.InvariantCulture);

            var run = await HubProcess.RunAsync(Testing, ["recompare", "--jurisdiction", "220105", "--as-of", "2026-11-15", "--timeout", "150", .. database]);

            run.ExitCode.ShouldBe(0, $"stdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
            run.Stdout.ShouldContain($"completed: {households} households, {households} compared");
            foreach (var source in new[] { "social-security", "housing-fund", "tax", "business-registry", "vehicle", "bank:ICBC" })
            {
                run.Stdout.ShouldContain($"  {source}: asked {persons}, refused 0, unavailable 0");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Recompare_refuses_a_jurisdiction_that_is_no_code_with_its_usage()
    {
        var run = await HubProcess.RunAsync(Testing, "recompare", "--jurisdiction", "22");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("用法");
    }

    [GeneratedRegex(@"Seeded (?<households>\d+) households, (?<persons>\d+) persons")]
    private static partial Regex Seeded();
}
