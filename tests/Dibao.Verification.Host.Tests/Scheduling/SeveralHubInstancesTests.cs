using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.RabbitMq;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Dibao.Verification.Host.Tests.Scheduling;

/// <summary>
/// Two hub instances in this process on one PostgreSQL database, each with its own connection to the RabbitMQ node and
/// the same agencies: they share the work of one batch, and their clustered scheduler runs each firing of a job once.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class SeveralHubInstancesTests(RabbitMqNode node, PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [PostgresAndRabbitMqFact]
    public async Task Each_firing_of_the_reminders_runs_on_one_instance_and_the_other_goes_on_alone_when_it_stops()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        var settings = await SettingsAsync(
            "Confirmation:ReminderInterval=00:00:01",
            "Confirmation:Tiers:Township:AutoConfirm=Never",
            "Confirmation:Tiers:County:AutoConfirm=Never",
            "Confirmation:Tiers:City:AutoConfirm=Never");
        var hubs = new Dictionary<string, RunningHub>
        {
            ["first"] = await RunningHub.StartOnAsync(sandbox, settings),
            ["second"] = await RunningHub.StartOnAsync(sandbox, [.. settings, "Database:MigrateAtStartup=false"]),
        };
        try
        {
            var fired = new ConcurrentQueue<(string Instance, DateTimeOffset Scheduled)>();
            foreach (var (name, hub) in hubs)
            {
                var scheduler = await hub.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
                scheduler.ListenerManager.AddJobListener(new FiringLog(name, fired), [Matchers.Key(OverdueReminderJob.Key)]);
            }

            // Overdue cases give the job work, which it does once whichever instance runs it.
            var households = sandbox.Population.Households(start: 3_400).Take(4).ToList();
            var batch = await hubs["first"].SubmitAsync(HouseholdBatches.Json(households, AsOf));
            await hubs["second"].WaitForCompletionAsync(batch.Headers.Location!, TimeSpan.FromMinutes(3));
            await hubs["first"].QueryDatabaseAsync(db => db.Cases.ExecuteUpdateAsync(s => s.SetProperty(c => c.TierEnteredAtUtc, new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc))));
            await WaitUntilAsync(() => fired.Count >= 8, () => $"{fired.Count} firings recorded");

            var last = fired.Last().Instance;
            var survivor = hubs.Keys.Single(name => name != last);
            await hubs[last].DisposeAsync();
            hubs.Remove(last);
            var before = fired.Count;
            await WaitUntilAsync(() => fired.Count >= before + 5, () => $"{fired.Count - before} firings since {last} stopped");

            // One trigger fires on one grid of seconds: a firing run twice, or a trigger each instance kept for itself,
            // would put two firings less than the interval apart. So would an instance replacing the stored trigger as
            // it starts while the other has taken its next firing already (it once ran two firings 17 ms apart).
            var firings = fired.OrderBy(f => f.Scheduled).ToList();
            firings.Zip(firings.Skip(1), (a, b) => b.Scheduled - a.Scheduled)
                .ShouldAllBe(gap => gap >= TimeSpan.FromSeconds(1), "each firing ran on one instance: " + Describe(firings));
            fired.Skip(before).ShouldAllBe(f => f.Instance == survivor);
            var reminders = await hubs[survivor].QueryDatabaseAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.MessageType == typeof(CaseOverdue).FullName));
            reminders.ShouldBe(households.Count, "each overdue case reminded of once");
        }
        finally
        {
            foreach (var hub in hubs.Values)
            {
                await hub.DisposeAsync();
            }
        }
    }

    [PostgresAndRabbitMqFact]
    public async Task The_trigger_an_instance_held_when_it_was_killed_fires_on_the_other()
    {
        var settings = await SettingsAsync("Confirmation:ReminderInterval=00:00:02");
        var database = settings.Single(s => s.StartsWith("Database:ConnectionString=", StringComparison.Ordinal)).Split('=', 2)[1];

        // Started first, the doomed instance fires the reminders and takes their next firing each time straight after.
        using var doomed = StartHubProcess([.. settings, "Sandbox:Enabled=true"]);
        RunningHub? survivor = null;
        try
        {
            await WaitUntilAsync(
                async () => (await QueryAsync(database, "SELECT instance_name FROM qrtz_fired_triggers")).Count > 0,
                () => "no firing by the first instance; its output: " + doomed.Output);
            survivor = await RunningHub.StartAsync([.. settings, "Database:MigrateAtStartup=false"]);
            var scheduler = await survivor.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var fired = new ConcurrentQueue<(string Instance, DateTimeOffset Scheduled)>();
            scheduler.ListenerManager.AddJobListener(new FiringLog("survivor", fired), [Matchers.Key(OverdueReminderJob.Key)]);
            await WaitUntilAsync(
                async () => (await QueryAsync(database, "SELECT instance_name FROM qrtz_scheduler_state")).Count == 2,
                () => "not both instances checked in to the cluster");

            // Killed while it holds the trigger, acquired for its next firing or firing it: only the cluster's recovery
            // gives it back.
            var held = await HolderAsync(database, scheduler);
            doomed.Process.Kill(entireProcessTree: true);
            await doomed.Process.WaitForExitAsync();
            held.ShouldNotBeNull("the first instance held the next firing");

            var before = fired.Count;
            await WaitUntilAsync(
                async () => (await QueryAsync(database, "SELECT instance_name FROM qrtz_scheduler_state")).SequenceEqual([scheduler.SchedulerInstanceId]),
                () => $"{held}, killed, not recovered by the cluster");
            await WaitUntilAsync(() => fired.Count >= before + 3, () => $"{fired.Count - before} firings since {held} was killed");
        }
        finally
        {
            if (!doomed.Process.HasExited)
            {
                doomed.Process.Kill(entireProcessTree: true);
                await doomed.Process.WaitForExitAsync();
            }

            if (survivor is not null)
            {
                await survivor.DisposeAsync();
            }
        }
    }

    [PostgresAndRabbitMqFact]
    public async Task Two_instances_sharing_one_batch_give_every_household_one_result_and_one_case()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        // Each instance also looks every second for ready households nobody queued, which finds those the other is
        // settling: they still get one result each.
        var settings = await SettingsAsync("Verification:PersonsPerQuery=10", "Verification:ReadyRecheckInterval=00:00:01");
        await using var first = await RunningHub.StartOnAsync(sandbox, settings);
        await using var second = await RunningHub.StartOnAsync(sandbox, [.. settings, "Database:MigrateAtStartup=false"]);
        var households = sandbox.Population.Households(start: 3_500).Take(80).ToList();

        var response = await first.SubmitAsync(HouseholdBatches.Json(households, AsOf));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await second.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(4));
        RabbitMqBatchTests.ShouldMatchPolicy(second.Oracle, households, view);
        var evaluations = await second.QueryDatabaseAsync(db => db.Evaluations.AsNoTracking().Select(e => e.HouseholdId).ToListAsync());
        evaluations.Count.ShouldBe(households.Count);
        evaluations.Distinct().Count().ShouldBe(households.Count, "one result per household");
        var cases = await second.QueryDatabaseAsync(db => db.Cases.AsNoTracking().Select(c => c.HouseholdRef).ToListAsync());
        cases.Order(StringComparer.Ordinal).ShouldBe(households.Select(h => h.HouseholdRef).Order(StringComparer.Ordinal), "one case per household");
        var senders = await second.QueryDatabaseAsync(db => db.Outbox.AsNoTracking().Where(m => m.ClaimedBy != null).Select(m => m.ClaimedBy).Distinct().CountAsync());
        senders.ShouldBe(2, "both instances sent part of the batch's messages");
        first.Log.Events(HouseholdEvaluationWorker.RecheckFailedEvent).ShouldBeEmpty();
        second.Log.Events(HouseholdEvaluationWorker.RecheckFailedEvent).ShouldBeEmpty();
    }

    /// <summary>A fresh virtual host and database, and settings for hubs sharing them.</summary>
    private async Task<string[]> SettingsAsync(params string[] more)
    {
        var vhost = await node.NewVirtualHostAsync();
        var database = await cluster.CreateDatabaseAsync();
        // Instances sharing a database share its keys, as in production: an answer one records is found by the hash the other planned.
        return [.. vhost.HubSettings, "Database:Provider=Postgres", $"Database:ConnectionString={database}", "Database:MigrateAtStartup=true",
            $"Audit:PersonKey={Convert.ToBase64String(TestAudit.PersonKey)}", .. more];
    }

    private static Task WaitUntilAsync(Func<bool> condition, Func<string> state) => WaitUntilAsync(() => Task.FromResult(condition()), state);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still {state()} after two minutes.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The other instance holding a trigger, waited for for two minutes at most. The instance that fires a trigger takes
    /// its next firing straight after, so once <paramref name="survivor"/> has them all (as when, on a busy machine, it
    /// took the other for dead at its first check-in) the other may never hold one again: the survivor then stands by, so
    /// that its next firing leaves the trigger to the other, and runs again before this returns.
    /// </summary>
    private static async Task<string?> HolderAsync(string database, IScheduler survivor)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var standingBy = false;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var holders = await QueryAsync(database, "SELECT instance_name FROM qrtz_fired_triggers");
                if (holders.FirstOrDefault(i => i != survivor.SchedulerInstanceId) is { } holder)
                {
                    return holder;
                }

                if (holders.Count > 0 && !standingBy)
                {
                    await survivor.Standby();
                    standingBy = true;
                }

                await Task.Delay(20);
            }

            return null;
        }
        finally
        {
            if (standingBy)
            {
                await survivor.Start();
            }
        }
    }

    private static async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not migrated yet.
        }

        return values;
    }

    /// <summary>The built hub in a process of its own, as an operator runs it, so that it can be killed.</summary>
    private static RunningProcess StartHubProcess(IEnumerable<string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dibao.Verification.Host.dll"));
        foreach (var setting in settings.Append("Urls=http://127.0.0.1:0"))
        {
            start.ArgumentList.Add("--" + setting);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        // The sandbox is refused in Production, the environment of a host nobody named.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The hub's process did not start.");
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    private static string Describe(IEnumerable<(string Instance, DateTimeOffset Scheduled)> firings) =>
        string.Join(", ", firings.Select(f => $"{f.Instance}@{f.Scheduled:HH:mm:ss.fff}"));

    private sealed class RunningProcess(Process process) : IDisposable
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public Process Process => process;

        /// <summary>The last lines it printed, for a failure to explain itself.</summary>
        public string Output => string.Join(Environment.NewLine, _lines.TakeLast(40));

        public void Append(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }

        public void Dispose() => process.Dispose();
    }

    private sealed class FiringLog(string instance, ConcurrentQueue<(string, DateTimeOffset)> fired) : IJobListener
    {
        public string Name => "firing-log-" + instance;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            fired.Enqueue((instance, context.ScheduledFireTimeUtc ?? context.FireTimeUtc));
            return ValueTask.CompletedTask;
        }
    }
}
