using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.RabbitMq;
using Dibao.Verification.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Production;

/// <summary>
/// The production topology, each part a process of its own: the hub on PostgreSQL with no adapter inside it, one agency
/// host per agency, all on one RabbitMQ virtual host, and the sandbox's simulators (in the test's process, so they can
/// count what they were asked) standing in for the agencies. Either side can be killed with SIGKILL and started again on
/// the same broker and database.
/// </summary>
public sealed class ProcessTopology : IAsyncDisposable
{
    public static readonly string[] AgencyHostAgencies =
        [AgencyCodes.SocialSecurity, AgencyCodes.HousingFund, AgencyCodes.Tax, AgencyCodes.BusinessRegistry, AgencyCodes.Vehicle, AgencyCodes.Bank];

    private readonly BrokerVirtualHost _vhost;
    private readonly string _database;
    private readonly string[] _hubSettings;
    private readonly string[] _agencyHostSettings;
    private readonly Dictionary<string, ServiceProcess> _agencyHosts = [];
    private readonly ServiceProvider _databaseServices;

    /// <summary>The hub's local signing key, kept across its restarts, so one token serves the whole test.</summary>
    private readonly string _keyFolder = Directory.CreateTempSubdirectory("dibao-topology-").FullName;

    private ProcessTopology(SandboxServer sandbox, BrokerVirtualHost vhost, string database, string[] hubSettings, string[] agencyHostSettings)
    {
        Sandbox = sandbox;
        _vhost = vhost;
        _database = database;
        _hubSettings = hubSettings;
        _agencyHostSettings = agencyHostSettings;
        _databaseServices = HubDatabase.Services("Postgres", database);
    }

    public SandboxServer Sandbox { get; }

    public ServiceProcess Hub { get; private set; } = null!;

    public PolicyOracle Oracle => new(Sandbox.Population, AgencyHostAgencies);

    /// <summary>What the hub asks: every agency but the banks as one, and each bank it is configured to ask on its own.</summary>
    public IEnumerable<string> Sources =>
        AgencyHostAgencies.Where(a => a != AgencyCodes.Bank)
            .Concat(BankCodes.Select(code => AgencyCodes.Bank + ":" + code));

    private IEnumerable<string> BankCodes =>
        Sandbox.HubSettings().Where(s => s.Key.StartsWith("Verification:Banks:", StringComparison.Ordinal)).Select(s => s.Value!);

    /// <param name="hubSettings">Further settings of the hub, as <c>Section:Key=value</c>.</param>
    /// <param name="agencyHostSettings">Further settings of every agency host.</param>
    public static async Task<ProcessTopology> StartAsync(
        BrokerVirtualHost vhost, string database, SandboxServer sandbox, string[] hubSettings, string[] agencyHostSettings)
    {
        var topology = new ProcessTopology(sandbox, vhost, database, hubSettings, agencyHostSettings);
        try
        {
            foreach (var agency in AgencyHostAgencies)
            {
                await topology.StartAgencyHostAsync(agency);
            }

            await topology.StartHubAsync();
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    public async Task<Uri> SubmitAsync(object batch)
    {
        using var client = HubClient();
        using var response = await client.PostAsJsonAsync("/api/v1/batches", batch);
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!;
    }

    public async Task<BatchView> WaitForCompletionAsync(Uri location, TimeSpan timeout)
    {
        using var client = HubClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var view = await client.GetFromJsonAsync<BatchView>(location) ?? throw new InvalidOperationException("Empty batch view.");
            if (view.Status == "completed")
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Batch still {view.Status} with {view.Progress.Settled}/{view.Progress.Households} settled after {timeout}.{Environment.NewLine}{Tails()}");
            }

            await Task.Delay(500);
        }
    }

    public Task<T> QueryDatabaseAsync<T>(Func<HubDbContext, Task<T>> query) => HubDatabase.InScopeAsync(_databaseServices, query);

    /// <summary>Waits until <paramref name="condition"/> holds of what <paramref name="read"/> gives, for two minutes at most.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                var shown = value is System.Collections.IEnumerable items and not string ? string.Join(", ", items.Cast<object>()) : value?.ToString();
                throw new TimeoutException($"Still {shown} after two minutes.{Environment.NewLine}{Tails()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The virtual host's queues, as <c>name=messages</c> (ready and unacknowledged).</summary>
    public async Task<List<string>> QueuesAsync(RabbitMqNode node) =>
        [.. (await node.ListAsync(_vhost.Name, "list_queues", "name", "messages")).Select(row => $"{row[0]}={row[1]}")];

    public async Task KillHubAsync() => await Hub.KillAsync();

    public async Task StartHubAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        // The hub plans from its own settings (the banks it asks) and reads no adapter's.
        var banks = BankCodes.Select((code, i) => $"Verification:Banks:{i}={code}");
        Hub = await ServiceProcess.StartAsync("hub", Built("Dibao.Verification.Host"),
        [
            "environment=Testing",
            "Sandbox:Enabled=false",
            "Database:Provider=Postgres",
            $"Database:ConnectionString={_database}",
            "Database:MigrateAtStartup=true",
            "Verification:AdaptersInProcess=false",
            $"Auth:LocalSigningKeyPath={SigningKeyPath}",
            $"Audit:LocalPersonKeyPath={Path.Combine(_keyFolder, "audit-person-key")}",
            $"Encryption:LocalKeyPath={Path.Combine(_keyFolder, "encryption-key")}",
            "RateLimiting:PermitLimit=1000000",
            .. banks,
            .. _vhost.HubSettings,
            .. _hubSettings,
        ]);
    }

    public async Task KillAgencyHostAsync(string agency) => await _agencyHosts[agency].KillAsync();

    public async Task StartAgencyHostAsync(string agency)
    {
        if (_agencyHosts.Remove(agency, out var old))
        {
            await old.DisposeAsync();
        }

        _agencyHosts[agency] = await ServiceProcess.StartAsync(agency, Built("Dibao.Verification.AgencyHost"),
        [
            "environment=Testing",
            "AgencyHost:Agencies:0=" + agency,
            .. Sandbox.HubSettings(agency).Select(s => $"{s.Key}={s.Value}"),
            .. _vhost.HubSettings,
            .. _agencyHostSettings,
        ]);
    }

    public string Tails() => string.Join(Environment.NewLine, new[] { Hub }.Concat(_agencyHosts.Values).OfType<ServiceProcess>().Select(p => p.Tail));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _agencyHosts.Values)
        {
            await host.DisposeAsync();
        }

        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        await _databaseServices.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_keyFolder, recursive: true);
    }

    private string SigningKeyPath => Path.Combine(_keyFolder, "signing-key.pem");

    /// <summary>The township's caseworker, with a token from the hub's local key.</summary>
    private HttpClient HubClient()
    {
        var client = new HttpClient { BaseAddress = Hub.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var token = LocalTokens.Mint(new AuthOptions { LocalSigningKeyPath = SigningKeyPath }, "topology-test", HubRoles.TownshipCaseworker, "220105001");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// A service's build output, in the configuration these tests were built in: the test project references the agency
    /// host only to have it built first, and copies nothing of it here, where its appsettings.json would replace the hub's.
    /// </summary>
    internal static string Built(string project)
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = tests.Name;
        var configuration = tests.Parent!.Name;
        var root = tests;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dibao.Verification.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Dibao.Verification.sln not found above the tests."),
            "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project} is not built for {configuration}; build the solution first.", dll);
    }
}
