using System.Globalization;
using Dibao.Verification.Host.Recomparison;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>recompare [--jurisdiction CODE]</c>: starts the hub on its database, re-compares the roll (within the jurisdiction,
/// or all of it) with the agencies, showing progress on stderr, and prints the run's figures. Exit codes: 0 completed,
/// 1 cancelled or failed, 2 usage error, 3 timed out (the run goes on at the next start of a hub). On the sandbox unless
/// configured otherwise, as <c>verify</c>.
/// </summary>
public static class RecompareCommand
{
    private const string Usage = """
        用法: dotnet run --project src/Dibao.Verification.Host -- recompare [--jurisdiction <4、6或9位代码>] [--as-of yyyy-MM-dd] [--timeout <秒>] [--配置键=值 ...]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string jurisdiction = "";
        DateOnly? asOf = null;
        var timeout = TimeSpan.FromHours(8);
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--jurisdiction" when i + 1 < args.Length && args[i + 1].Length is 4 or 6 or 9 && args[i + 1].All(char.IsAsciiDigit):
                    jurisdiction = args[++i];
                    break;
                case "--as-of" when i + 1 < args.Length && DateOnly.TryParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    asOf = date;
                    i++;
                    break;
                case "--timeout" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    timeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    host.Add(setting);
                    break;
                default:
                    Console.Error.WriteLine($"无法识别的参数: {args[i]}");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        await using var app = await HubHost.BuildAsync([.. host], builder =>
        {
            VerifyDefaults.Apply(builder.Configuration);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            });
        });
        await app.StartAsync();
        try
        {
            Guid runId;
            using (var scope = app.Services.CreateScope())
            {
                runId = (await scope.ServiceProvider.GetRequiredService<RecomparisonRuns>().StartAsync(jurisdiction, asOf, "recompare", CancellationToken.None)).Id;
            }

            var started = TimeProvider.System.GetTimestamp();
            while (true)
            {
                using var scope = app.Services.CreateScope();
                var runs = scope.ServiceProvider.GetRequiredService<RecomparisonRuns>();
                var (status, households, compared) = await runs.ProgressAsync(runId, CancellationToken.None);
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                ConsoleReport.WriteProgress("比对中", compared, households, elapsed);
                if (status != RecomparisonStatus.Running || elapsed > timeout)
                {
                    ConsoleReport.EndProgress();
                    var view = (await runs.ViewAsync(runId, CancellationToken.None))!;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"run {view.RunId} {view.Status}: {view.Households} households, {view.Compared} compared, {view.Unchanged} unchanged, {view.Changed} changed (exit {view.ByKind.Exit}, reduce {view.ByKind.Reduce}, increase {view.ByKind.Increase}, review {view.ByKind.Review}) in {elapsed.TotalSeconds:0.0}s"));
                    foreach (var (source, counts) in view.Agencies)
                    {
                        Console.WriteLine($"  {source}: asked {counts.Asked}, refused {counts.Refused}, unavailable {counts.Unavailable}");
                    }

                    return view.Status == RecomparisonStatus.Completed ? 0 : status == RecomparisonStatus.Running ? 3 : 1;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
