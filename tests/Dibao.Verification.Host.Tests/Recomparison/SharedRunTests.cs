using System.Net.Http.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.RabbitMq;
using Dibao.Verification.Host.Tests.Scheduling;
using Dibao.Verification.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>Two hub instances on one PostgreSQL database and one RabbitMQ node share the work of one run.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class SharedRunTests(RabbitMqNode node, PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [PostgresAndRabbitMqFact]
    public async Task Two_instances_both_take_chunks_of_one_run_and_compare_every_household_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        var vhost = await node.NewVirtualHostAsync();
        var database = await cluster.CreateDatabaseAsync();
        string[] settings =
        [
            .. vhost.HubSettings, "Database:Provider=Postgres", $"Database:ConnectionString={database}",
            $"Audit:PersonKey={Convert.ToBase64String(TestAudit.PersonKey)}", "Recomparison:HouseholdsPerChunk=3",
            // The outage below holds chunks, not the deadline: however long the test takes to lift it, no chunk gives up on tax.
            "Verification:Deadlines:tax=00:10:00",
        ];

        // Which instance finds room first is a race, so the test leaves none: the first starts alone and keeps one chunk
        // out at a time, which the tax bureau's outage holds until the second has started and taken chunks of its own, so
        // however long a start takes on a busy machine most of the run is still there for the second; the second keeps up
        // to three out, so beside the first's one it always finds room. Then the bureau is back and both finish the run.
        sandbox.Faults.For(AgencyCodes.Tax).Outage = true;
        var (firstTook, secondTook) = (new ChunksTaken(), new ChunksTaken());
        await using var first = await RunningHub.StartOnAsync(
            sandbox, b => b.Logging.AddProvider(firstTook), [.. settings, "Database:MigrateAtStartup=true", "Recomparison:ChunksInFlight=1"]);
        var households = sandbox.Population.Households(start: 5_000).Take(36).ToList();
        (await first.Client.PostAsync("/api/v1/roll/imports", RecomparisonTests.Import(households))).EnsureSuccessStatusCode();

        var city = first.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        await WaitUntilAsync(() => firstTook.Count > 0, "the first instance has taken no chunk");
        await using var second = await RunningHub.StartOnAsync(
            sandbox, b => b.Logging.AddProvider(secondTook), [.. settings, "Database:MigrateAtStartup=false", "Recomparison:ChunksInFlight=3"]);
        await WaitUntilAsync(() => secondTook.Count > 0, "the second instance has taken no chunk while the first held its one");
        sandbox.Faults.For(AgencyCodes.Tax).Outage = false;
        var run = await RecomparisonTests.WaitForAsync(second.ClientAs(HubRoles.CityReviewer, "2201", "city-01"), runId, RecomparisonStatus.Completed);

        run.Compared.ShouldBe(households.Count);
        var chunks = await second.QueryDatabaseAsync(db => db.RecomparisonChunks.AsNoTracking().Where(c => c.RunId == runId).ToListAsync());
        chunks.Sum(c => c.Households).ShouldBe(households.Count, "each household taken once");
        chunks.ShouldAllBe(c => c.ComparedAtUtc != null);
        var compared = await RecomparisonTests.ComparedAsync(second, runId);
        compared.Count.ShouldBe(households.Sum(h => h.Members.Count), "each person compared once");
        compared.Select(e => e.Subject).Distinct().Count().ShouldBe(households.Count);
        firstTook.Count.ShouldBeGreaterThan(0, "the first instance took chunks");
        secondTook.Count.ShouldBeGreaterThan(0, "the second instance took chunks");
        (firstTook.Count + secondTook.Count).ShouldBe(households.Count / 3);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string state)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"After two minutes {state}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Counts the chunks one instance took, from its log: however much else it logs, none is missed.</summary>
    private sealed class ChunksTaken : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(RecomparisonChunks).FullName ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "LogTook")
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
        }
    }
}
