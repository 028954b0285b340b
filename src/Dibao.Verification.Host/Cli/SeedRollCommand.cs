using System.Globalization;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>seed-roll --persons N [--township CODE] [--start INDEX] [--recipients]</c>: puts households of the sandbox population on
/// the roll of one township until N persons, for benchmarks of the re-comparison. The population is a general one, most of
/// whose households would not qualify, so a run over it raises a case for most; <c>--recipients</c> takes only households
/// that look like recipients (<see cref="SyntheticPopulation.LikelyRecipients"/>), of whom a run finds few changed, as a
/// real roll's night does. The population holds about 550,000 persons of those. Reads the hub's <c>Database:*</c> and
/// <c>Sandbox:Seed</c> settings and migrates the database first. Exit codes: 0 seeded, 2 usage error.
/// </summary>
public static class SeedRollCommand
{
    private const string Usage = "用法: dotnet run --project src/Dibao.Verification.Host -- seed-roll --persons <人数> [--township <9位代码>] [--start <起始户序号>] [--recipients] [--配置键=值 ...]";

    public static async Task<int> RunAsync(string[] args)
    {
        int? persons = null;
        var township = "220105001";
        var start = 0;
        var recipients = false;
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--persons" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    persons = n;
                    i++;
                    break;
                case "--township" when i + 1 < args.Length && args[i + 1].Length == 9 && args[i + 1].All(char.IsAsciiDigit):
                    township = args[++i];
                    break;
                case "--start" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s >= 0:
                    start = s;
                    i++;
                    break;
                case "--recipients":
                    recipients = true;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    host.Add(setting);
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (persons is not { } wanted)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = UnwatchedConfiguration.Args(host), ContentRootPath = AppContext.BaseDirectory });
        if (builder.Environment.IsProduction())
        {
            // The synthetic persons' identity numbers are well-formed, local ones, some surely real residents': on a real
            // roll the nightly re-comparison would ask the real agencies about them, with no authorization behind it.
            throw new HubConfigurationException("ASPNETCORE_ENVIRONMENT",
                "seed-roll puts the sandbox's synthetic population on the roll, for benchmarks, and is refused in the Production environment.");
        }

        builder.Logging.ClearProviders();
        HubHost.AddDatabaseForCommand(builder.Services, builder.Configuration);
        builder.Services.AddPersonalData(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        var seed = builder.Configuration.GetValue($"{SandboxOptions.SectionName}:{nameof(SandboxOptions.Seed)}", SandboxOptions.DefaultSeed);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.MigrateAsync();
        var started = TimeProvider.System.GetTimestamp();
        var estimate = wanted * 10 / 25;
        var progress = new Progress<int>(done => ConsoleReport.WriteProgress("写入名册", done, Math.Max(done, estimate), TimeProvider.System.GetElapsedTime(started)));
        var population = new SyntheticPopulation(seed);
        var today = new OfficeClock(TimeProvider.System, Options.Create(builder.Configuration.GetSection(ConfirmationOptions.Section).Get<ConfirmationOptions>() ?? new())).Today;
        var (households, seeded) = await RollSeeding.SeedAsync(
            db, scope.ServiceProvider.GetRequiredService<PersonalDataProtector>(),
            recipients ? population.LikelyRecipients(start, today) : population.Households(start), township, wanted, today, progress, CancellationToken.None);
        ConsoleReport.EndProgress();
        await PostgresStatistics.AfterGrowthAsync(
            db, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedRollCommand)), typeof(RollMember), seeded, [typeof(RollHousehold)], CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {households} households, {seeded} persons, in township {township}, in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0}s"));
        return 0;
    }
}
