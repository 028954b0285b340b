using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Dibao.Verification.Host;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Sandbox;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Benchmarks;

/// <summary>The hub exactly as shipped (in-memory bus, SQLite file, sandbox), driven through its HTTP API.</summary>
internal sealed class BenchmarkHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly HubSpans? _spans;

    private BenchmarkHub(WebApplication app, string folder, HubSpans? spans)
    {
        _app = app;
        _folder = folder;
        _spans = spans;
        Batches = BatchClient.SignedIn(new Uri(app.Urls.Single()), folder);
    }

    public BatchClient Batches { get; }

    public SandboxServer Sandbox => _app.Services.GetRequiredService<SandboxServer>();

    public IReadOnlyList<string> Agencies => _app.Services.GetRequiredService<IOptions<VerificationOptions>>().Value.Agencies;

    /// <param name="settings">More configuration, as <c>--Section:Key=value</c>.</param>
    /// <param name="spans">Listen to the hub's spans, for the timeline: the listening costs a little of what it measures.</param>
    public static async Task<BenchmarkHub> StartAsync(IEnumerable<string> settings, bool spans = false)
    {
        var folder = Directory.CreateTempSubdirectory("dibao-bench-").FullName;
        var app = await HubHost.BuildAsync(
            [
                // The sandbox is off by default and refused in Production, the environment of a host nobody named.
                "--environment=Benchmark",
                "--Urls=http://127.0.0.1:0",
                $"--Database:ConnectionString=Data Source={Path.Combine(folder, "hub.db")}",
                "--Sandbox:Enabled=true",
                "--Batches:MaxHouseholds=100000",
                .. BatchClient.HubSettings(folder),
                .. settings,
            ],
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return new BenchmarkHub(app, folder, spans ? new HubSpans() : null);
    }

    /// <summary>Every simulated agency fails this share of requests transiently (the vehicle agency half of them with its in-body busy codes).</summary>
    public void InjectFaults(double rate)
    {
        foreach (var agency in Sandbox.Agencies)
        {
            var faults = Sandbox.Faults.For(agency);
            faults.TransientRate = agency == "vehicle" ? rate / 2 : rate;
            faults.AgencyErrorRate = agency == "vehicle" ? rate / 2 : 0;
        }
    }

    /// <summary>
    /// Where a batch's time went, from the hub's own records: when each source's answers were given and when households
    /// settled, in milliseconds after submission.
    /// </summary>
    public async Task<string> TimelineAsync(Guid batchId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var submitted = await db.Batches.Where(b => b.Id == batchId).Select(b => b.SubmittedAtUtc).SingleAsync();
        var answers = await db.AgencyAnswers.Where(a => a.BatchId == batchId && a.AnsweredAtUtc != null)
            .GroupBy(a => a.Source)
            .Select(g => new { Source = g.Key, First = g.Min(a => a.AnsweredAtUtc), Last = g.Max(a => a.AnsweredAtUtc) })
            .ToListAsync();
        // A question's outbox message carries the question's id: released is when it was let go to be sent, sent when the
        // dispatcher handed it to the bus.
        var questions = await (
                from q in db.AgencyQueries
                join m in db.Outbox on q.Id equals m.Id
                where q.BatchId == batchId
                select new { q.Agency, Released = q.SentAtUtc, Sent = m.SentAtUtc })
            .ToListAsync();
        var asked = questions.GroupBy(q => q.Agency).ToDictionary(
            g => g.Key, g => (Released: g.Min(q => q.Released), Sent: g.Min(q => q.Sent), LastSent: g.Max(q => q.Sent)));
        var settled = await db.Households.Where(h => h.BatchId == batchId).Select(h => h.SettledAtUtc).ToListAsync();
        static string Ms(DateTime? at, DateTime from) => at is null ? "-" : ((at.Value - from).TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture);
        var lines = answers.OrderBy(a => a.Last).Select(a => asked.TryGetValue(a.Source, out var q)
            ? $"      {a.Source,-22} released +{Ms(q.Released, submitted)}, sent +{Ms(q.Sent, submitted)} to +{Ms(q.LastSent, submitted)}, answered +{Ms(a.First, submitted)} to +{Ms(a.Last, submitted)} ms"
            : $"      {a.Source,-22} answered +{Ms(a.First, submitted)} to +{Ms(a.Last, submitted)} ms");
        return string.Join(Environment.NewLine, lines.Concat(_spans?.Since(submitted) ?? []).Append($"      settled                households from +{Ms(settled.Min(), submitted)} to +{Ms(settled.Max(), submitted)} ms"));
    }

    public IReadOnlyList<SyntheticHousehold> Households(int start, int count) => Sandbox.Population.Households(start).Take(count).ToList();

    /// <summary>From the POST to the moment the batch view says every household is settled.</summary>
    /// <param name="csv">Submit as CSV, as a township's spreadsheet comes, instead of JSON.</param>
    /// <param name="progress">Told the settled count every few seconds, to show a long run moving.</param>
    public async ValueTask DisposeAsync()
    {
        Batches.Dispose();
        _spans?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
