using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Benchmarks;

/// <summary>
/// <c>--recompare --persons N [--recipients]</c>: seeds the roll of a hub in its own process with N persons of the sandbox population
/// (<c>seed-roll</c>), times one re-comparison run over it with the hub's peak working set, then times the bare bulk
/// HTTP calls to the same simulators for the same persons: the floor the run is measured against.
/// </summary>
internal static class RecomparisonBenchmark
{
    /// <summary>Eight per source, as the hub's <c>Verification:MaxQueriesInFlight</c>, over the five agencies and seven banks.</summary>
    private const int FloorRequestsInFlight = 96;

    private static readonly string[] Agencies = ["social-security", "housing-fund", "tax", "business-registry", "vehicle", "bank"];

    /// <summary>The day <c>seed-roll</c> picks its recipients for: today in the offices' time (UTC+8), as it counts it.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static async Task RunAsync(string[] args)
    {
        var persons = Arguments.Int(args, "--persons", 10_000);
        var start = Arguments.Int(args, "--start", 0);
        var recipients = Arguments.Flag(args, "--recipients");
        string[] settings = [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))];

        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Enabled = true });
        await using var hub = await HubProcess.StartAsync(sandbox, settings);
        var seeding = Stopwatch.GetTimestamp();
        await SeedAsync(hub, persons, start, recipients);
        Console.Error.WriteLine($"  seeded {persons} persons in {Stopwatch.GetElapsedTime(seeding).TotalSeconds:0} s");
        var before = hub.PeakWorkingSetMiB;

        using var city = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var token = LocalTokens.Mint(new AuthOptions { LocalSigningKeyPath = Path.Combine(hub.Folder, "signing-key.pem") }, "benchmark", HubRoles.CityReviewer, "2201", TimeSpan.FromDays(2));
        city.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        var accepted = await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" });
        accepted.EnsureSuccessStatusCode();
        var runId = (await accepted.Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        RecomparisonRunView run;
        var reported = TimeSpan.Zero;
        while (true)
        {
            run = (await city.GetFromJsonAsync<RecomparisonRunView>($"/api/v1/recomparisons/{runId}"))!;
            if (run.Status != RecomparisonStatus.Running)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(started) - reported > TimeSpan.FromSeconds(30))
            {
                reported = Stopwatch.GetElapsedTime(started);
                Console.Error.WriteLine($"  {reported.TotalSeconds:0} s: compared {run.Compared} of {run.Households}; hub holds {hub.WorkingSetMiB:0} MiB, peak {hub.PeakWorkingSetMiB:0} MiB");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (run.Status != RecomparisonStatus.Completed || run.Households == 0 || run.Compared != run.Households)
        {
            throw new InvalidOperationException(
                $"The run ended {run.Status} having compared {run.Compared} of {run.Households} households: the figure would not be a clean run.");
        }

        var peak = hub.PeakWorkingSetMiB;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            roll                      {run.Households} households, {persons} persons (seed-roll --persons {persons} --start {start}{(recipients ? " --recipients" : "")}), agencies: {string.Join(", ", Agencies)}
            run                       {run.Status} in {elapsed.TotalSeconds:0.0} s: {run.Compared} compared, {run.Unchanged} unchanged, {run.Changed} changed  {persons / elapsed.TotalSeconds:0} persons/s
            hub's peak working set    {peak:0} MiB during the run (VmHWM of the hub's process; {before:0} MiB before it)
            """));

        // As many requests out at once as the hub has questions out: eight per source.
        var households = CountHouseholds(sandbox, persons, start, recipients);
        using var floor = new BareAgencyCalls(sandbox, Agencies, maxConcurrentRequests: FloorRequestsInFlight);
        var floorTime = await floor.AskAsync([.. Roll(sandbox, start, recipients).Take(households)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            bare HTTP floor           {floorTime.TotalSeconds:0.0} s for the same persons, {FloorRequestsInFlight} requests at most out at once
            ratio run / floor         {elapsed / floorTime:0.0}
            """));
    }

    /// <summary>The households <c>seed-roll</c> takes from, in its order.</summary>
    private static IEnumerable<SyntheticHousehold> Roll(SandboxServer sandbox, int start, bool recipients) =>
        recipients ? sandbox.Population.LikelyRecipients(start, Today) : sandbox.Population.Households(start);

    /// <summary>As <c>seed-roll</c> counts: households from <paramref name="start"/> until the persons are reached.</summary>
    private static int CountHouseholds(SandboxServer sandbox, int persons, int start, bool recipients)
    {
        var (households, seeded) = (0, 0);
        foreach (var household in Roll(sandbox, start, recipients))
        {
            if (seeded >= persons)
            {
                break;
            }

            seeded += household.Members.Count;
            households++;
        }

        return households;
    }

    private static async Task SeedAsync(HubProcess hub, int persons, int start, bool recipients)
    {
        var command = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        command.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dibao.Verification.Host.dll"));
        foreach (var argument in new[] { "seed-roll", "--persons", $"{persons}", "--start", $"{start}", "--environment=Benchmark" }.Concat(recipients ? ["--recipients"] : []).Concat(hub.DataSettings))
        {
            command.ArgumentList.Add(argument.ToString(CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(command) ?? throw new InvalidOperationException("seed-roll did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed-roll exited {process.ExitCode}.");
        }
    }
}
