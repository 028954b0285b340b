using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// The hub as a user runs it: Kestrel on a loopback port, a SQLite file of its own (or a PostgreSQL database), the
/// in-memory bus and the sandbox simulators, all built by <see cref="HubHost"/> exactly as the program builds it.
/// Its <see cref="Client"/> signs in as <see cref="Caseworker"/> of <see cref="Township"/>; <see cref="ClientAs"/> as anyone.
/// </summary>
public sealed class RunningHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly CapturedLog _log;

    /// <summary>Simulators that outlive this hub, owned by the test; null when the hub runs its own.</summary>
    private readonly SandboxServer? _sharedSandbox;

    /// <summary>The settings naming a database other than the SQLite file in <see cref="_folder"/>, kept across restarts.</summary>
    private readonly string[] _database;

    /// <summary>Signed-in clients by role, jurisdiction and user, disposed with the hub.</summary>
    private readonly Dictionary<(string Role, string Jurisdiction, string User), HttpClient> _clients = [];

    /// <summary>The township the test batches are submitted for, and the default client's.</summary>
    public const string Township = "220105001";

    /// <summary>The default client's user, recorded as the township's reviewer.</summary>
    public const string Caseworker = "township-01";

    /// <summary>
    /// Pins the simulated agencies' today to 2026-11-15, the <c>asOf</c> of the tests that expect given households to come
    /// out a given way: on the real date the simulators' records drift away from that day, and by March 2027 a member's
    /// name at the tax bureau had changed and a case no longer went straight through.
    /// </summary>
    public const string SandboxOnAsOfDay = "Sandbox:Today=2026-11-15";

    private RunningHub(WebApplication app, string folder, string[] database, CapturedLog log, SandboxServer? sharedSandbox)
    {
        _app = app;
        _folder = folder;
        _database = database;
        _log = log;
        _sharedSandbox = sharedSandbox;
    }

    public IServiceProvider Services => _app.Services;

    public HttpClient Client => ClientAs(HubRoles.TownshipCaseworker, Township, Caseworker);

    public CapturedLog Log => _log;

    /// <summary>A client signed in with a token from the hub's local key.</summary>
    public HttpClient ClientAs(string role, string jurisdiction, string user)
    {
        if (!_clients.TryGetValue((role, jurisdiction, user), out var client))
        {
            client = Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(role, jurisdiction, user));
            _clients[(role, jurisdiction, user)] = client;
        }

        return client;
    }

    /// <summary>A client without a token, for the caller to dispose.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = new Uri(_app.Urls.Single()) };

    public string TokenFor(string role, string jurisdiction, string user) =>
        LocalTokens.Mint(_app.Services.GetRequiredService<IOptions<AuthOptions>>().Value, user, role, jurisdiction);

    public SandboxServer Sandbox => _app.Services.GetRequiredService<SandboxServer>();

    /// <summary>The agencies this hub asks (<c>Verification:Agencies</c>).</summary>
    public IReadOnlyList<string> Agencies => _app.Services.GetRequiredService<IOptions<VerificationOptions>>().Value.Agencies;

    /// <summary>The reference policy worked out by hand for this hub's agencies and population.</summary>
    public PolicyOracle Oracle => new(Sandbox.Population, [.. Agencies]);

    /// <param name="settings">Configuration overrides as <c>Section:Key=value</c>.</param>
    public static Task<RunningHub> StartAsync(params string[] settings) =>
        StartInAsync(Directory.CreateTempSubdirectory("dibao-e2e-").FullName, [], new CapturedLog(), settings, null);

    /// <param name="customize">Changes to the hub's builder before the hub registers its own services.</param>
    /// <inheritdoc cref="StartAsync(string[])"/>
    public static Task<RunningHub> StartAsync(Action<WebApplicationBuilder> customize, params string[] settings) =>
        StartInAsync(Directory.CreateTempSubdirectory("dibao-e2e-").FullName, [], new CapturedLog(), settings, null, customize);

    /// <summary>
    /// A hub whose adapters ask <paramref name="sandbox"/>, started and disposed by the test, so the agencies keep what they
    /// were asked (a bank its tickets) across <see cref="RestartAsync"/>.
    /// </summary>
    public static Task<RunningHub> StartOnAsync(SandboxServer sandbox, params string[] settings) =>
        StartInAsync(Directory.CreateTempSubdirectory("dibao-e2e-").FullName, [], new CapturedLog(), settings, sandbox);

    /// <param name="customize">Changes to the hub's builder before the hub registers its own services.</param>
    /// <inheritdoc cref="StartOnAsync(SandboxServer, string[])"/>
    public static Task<RunningHub> StartOnAsync(SandboxServer sandbox, Action<WebApplicationBuilder> customize, params string[] settings) =>
        StartInAsync(Directory.CreateTempSubdirectory("dibao-e2e-").FullName, [], new CapturedLog(), settings, sandbox, customize);

    /// <summary>The same hub on a PostgreSQL database, migrated at start-up.</summary>
    /// <param name="connectionString">An empty database's, e.g. from <see cref="Postgres.PostgresCluster.CreateDatabaseAsync"/>.</param>
    public static Task<RunningHub> StartOnPostgresAsync(string connectionString, params string[] settings) =>
        StartOnPostgresAsync(connectionString, _ => { }, settings);

    /// <param name="customize">Changes to the hub's builder before the hub registers its own services.</param>
    /// <inheritdoc cref="StartOnPostgresAsync(string, string[])"/>
    public static Task<RunningHub> StartOnPostgresAsync(string connectionString, Action<WebApplicationBuilder> customize, params string[] settings) =>
        StartInAsync(
            Directory.CreateTempSubdirectory("dibao-e2e-").FullName,
            ["Database:Provider=Postgres", $"Database:ConnectionString={connectionString}", "Database:MigrateAtStartup=true"],
            new CapturedLog(),
            settings,
            null,
            customize);

    /// <summary>Stops this hub as a crash would leave it, keeping its database, and starts a new process's hub on it.</summary>
    public async Task<RunningHub> RestartAsync(params string[] settings)
    {
        DisposeClients();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        return await StartInAsync(_folder, _database, _log, settings, _sharedSandbox);
    }

    /// <summary>
    /// One attempt at an agency may take a minute before the adapter abandons it and asks again, not the adapters' 10 s:
    /// the tests count the requests an agency got, and on a busy machine an answer that takes longer than 10 s (a cold
    /// hub's first call) would otherwise be asked for twice. A test that sets its own <c>AttemptTimeout</c> overrides this.
    /// </summary>
    private static readonly string[] PatientAttempts =
        [.. new[] { "SocialSecurity", "HousingFund", "Tax", "BusinessRegistry", "Vehicle", "Bank" }.Select(section => $"Agencies:{section}:AttemptTimeout=00:01:00")];

    /// <param name="log">Shared by a hub and its restarts, so a failure shows both sides of the restart.</param>
    private static async Task<RunningHub> StartInAsync(
        string folder, string[] database, CapturedLog log, string[] settings, SandboxServer? sharedSandbox, Action<WebApplicationBuilder>? customize = null)
    {
        string[] args =
        [
            // The sandbox is off by default and refused in Production, the environment of a host nobody named.
            "--environment=Testing",
            "--Urls=http://127.0.0.1:0",
            $"--Database:ConnectionString=Data Source={Path.Combine(folder, "hub.db")}",
            $"--Auth:LocalSigningKeyPath={Path.Combine(folder, "signing-key.pem")}",
            $"--Audit:LocalPersonKeyPath={Path.Combine(folder, "audit-person-key")}",
            // One key for every hub of the run: EF builds a model per key, and the tests start many hubs.
            $"--Encryption:Key={PersonalDataKeys.WellKnownTestKey}",
            // Tests poll as fast as they like; the limit's own test sets its own.
            "--RateLimiting:PermitLimit=1000000",
            // Cases go from the county straight to the city, as before the public notice; its own tests turn it on.
            "--Confirmation:PublicNoticeDays=0",
            .. sharedSandbox is null
                ? ["--Sandbox:Enabled=true"]
                : sharedSandbox.HubSettings().Select(s => $"--{s.Key}={s.Value}"),
            // Before the test's own settings: on the command line the last value of a key wins.
            .. PatientAttempts.Concat(database).Concat(settings).Select(s => "--" + s),
        ];
        var app = await HubHost.BuildAsync(args, builder =>
        {
            builder.Logging.ClearProviders().AddProvider(log);
            if (sharedSandbox is not null)
            {
                builder.Services.AddSingleton(sharedSandbox);
            }

            customize?.Invoke(builder);
        });
        await app.StartAsync();
        return new RunningHub(app, folder, database, log, sharedSandbox);
    }

    public async Task<HttpResponseMessage> SubmitAsync(object batch) =>
        await Client.PostAsJsonAsync("/api/v1/batches", batch);

    public async Task<BatchView> WaitForCompletionAsync(Uri location, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var view = await Client.GetFromJsonAsync<BatchView>(location) ?? throw new InvalidOperationException("Empty batch view.");
            if (view.Status == "completed")
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Batch still {view.Status} with {view.Progress.Settled}/{view.Progress.Households} settled; {await DescribeWaitAsync()}. The hub's last log lines:{Environment.NewLine}{_log.Tail(60)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>What a batch that does not finish is waiting for, so a failure on a busy machine explains itself.</summary>
    private async Task<string> DescribeWaitAsync()
    {
        var awaited = await QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking()
            .Where(a => a.State == AnswerState.Awaited)
            .GroupBy(a => a.Source)
            .Select(g => new { Source = g.Key, Count = g.Count() })
            .ToListAsync());
        var open = await QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().CountAsync(q => q.AnsweredAtUtc == null));
        var unsent = await QueryDatabaseAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.SentAtUtc == null));
        var unsettled = await QueryDatabaseAsync(db => db.Households.AsNoTracking().CountAsync(h => h.SettledAtUtc == null));
        var answersBySource = string.Join(", ", awaited.Select(a => $"{a.Source} {a.Count}"));
        return $"awaited answers by source: [{answersBySource}], unanswered queries {open}, unsent outbox rows {unsent}, unsettled households {unsettled}";
    }

    public async Task<T> QueryDatabaseAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    /// <summary>Runs a hub service in a scope of its own, as a background job would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private void DisposeClients()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        DisposeClients();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
