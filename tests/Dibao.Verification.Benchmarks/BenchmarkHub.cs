using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
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
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly HttpClient _client;

    private BenchmarkHub(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
        _client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(10) };
    }

    public SandboxServer Sandbox => _app.Services.GetRequiredService<SandboxServer>();

    /// <summary>How long each POST took to answer 202: validation and storing the batch with every awaited answer.</summary>
    public List<TimeSpan> Accepted { get; } = [];

    public IReadOnlyList<string> Agencies => _app.Services.GetRequiredService<IOptions<VerificationOptions>>().Value.Agencies;

    /// <param name="settings">More configuration, as <c>--Section:Key=value</c>.</param>
    public static async Task<BenchmarkHub> StartAsync(IEnumerable<string> settings)
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
                .. settings,
            ],
            builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        return new BenchmarkHub(app, folder);
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
    /// Where a batch's time went, from the hub's own records: when the last answer of each source was stored and when
    /// households settled, in milliseconds after submission.
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
        var settled = await db.Households.Where(h => h.BatchId == batchId).Select(h => h.SettledAtUtc).ToListAsync();
        static string Ms(DateTime? at, DateTime from) => at is null ? "-" : ((at.Value - from).TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture);
        var lines = answers.OrderBy(a => a.Last).Select(a => $"      {a.Source,-22} answers from +{Ms(a.First, submitted)} to +{Ms(a.Last, submitted)} ms");
        return string.Join(Environment.NewLine, lines.Append($"      settled                households from +{Ms(settled.Min(), submitted)} to +{Ms(settled.Max(), submitted)} ms"));
    }

    public IReadOnlyList<SyntheticHousehold> Households(int start, int count) => Sandbox.Population.Households(start).Take(count).ToList();

    /// <summary>From the POST to the moment the batch view says every household is settled.</summary>
    /// <param name="csv">Submit as CSV, as a township's spreadsheet comes, instead of JSON.</param>
    /// <param name="progress">Told the settled count every few seconds, to show a long run moving.</param>
    /// <summary>The batch the last <see cref="VerifyAsync"/> submitted.</summary>
    public Guid LastBatchId { get; private set; }

    public async Task<TimeSpan> VerifyAsync(IReadOnlyList<SyntheticHousehold> households, bool csv = false, Action<BatchProgress>? progress = null)
    {
        var body = new BatchRequest
        {
            Township = "220105001",
            Purpose = "new-application",
            AsOf = AsOf,
            Households = [.. households.Select(h => new HouseholdRequest
            {
                Ref = h.HouseholdRef,
                ConsentRef = h.ConsentRef,
                Members = [.. h.Members.Select(m => new MemberRequest { IdNumber = m.IdNumber, Name = m.Name, Relation = m.Relation.ToString().ToLowerInvariant() })],
            })],
        };
        using HttpContent content = csv ? Csv(households) : JsonContent.Create(body);
        var started = Stopwatch.GetTimestamp();
        var response = await _client.PostAsync(csv ? $"/api/v1/batches?township={body.Township}&purpose={body.Purpose}&asOf={AsOf:yyyy-MM-dd}" : "/api/v1/batches", content);
        response.EnsureSuccessStatusCode();
        Accepted.Add(Stopwatch.GetElapsedTime(started));
        LastBatchId = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var reported = Stopwatch.GetTimestamp();
        while (true)
        {
            var current = await _client.GetFromJsonAsync<BatchProgress>($"{response.Headers.Location}/progress");
            if (progress is not null && current is not null && Stopwatch.GetElapsedTime(reported) > TimeSpan.FromSeconds(10))
            {
                progress(current);
                reported = Stopwatch.GetTimestamp();
            }

            if (current is not null && current.Settled == current.Households)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                var view = await _client.GetFromJsonAsync<BatchView>(response.Headers.Location);
                if (view!.Households.Any(h => h.Verification.Outcome is "pending" or "incomplete"))
                {
                    throw new InvalidOperationException("A household was left unverified: the figure would not be a clean run.");
                }

                return elapsed;
            }

            // Polled as a client would: often for a small batch, about once a second for a county's.
            await Task.Delay(households.Count > 10_000 ? 1000 : 50);
        }
    }

    private static StringContent Csv(IEnumerable<SyntheticHousehold> households)
    {
        var lines = new System.Text.StringBuilder("household_ref,consent_ref,id_number,name,relation\r\n");
        foreach (var household in households)
        {
            foreach (var member in household.Members)
            {
                lines.Append(CultureInfo.InvariantCulture, $"{household.HouseholdRef},{household.ConsentRef},{member.IdNumber},{member.Name},{member.Relation.ToString().ToLowerInvariant()}\r\n");
            }
        }

        return new StringContent(lines.ToString(), System.Text.Encoding.UTF8, "text/csv");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
