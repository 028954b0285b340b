using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Bank;
using Dibao.Verification.Sandbox.BusinessRegistry;
using Dibao.Verification.Sandbox.Faults;
using Dibao.Verification.Sandbox.HousingFund;
using Dibao.Verification.Sandbox.Population;
using Dibao.Verification.Sandbox.SocialSecurity;
using Dibao.Verification.Sandbox.Tax;
using Dibao.Verification.Sandbox.Vehicle;

namespace Dibao.Verification.Sandbox;

/// <summary>
/// The simulated agencies, each listening on its own loopback port, serving one synthetic
/// population. Dispose to stop them.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly Dictionary<string, SimulatedAgency> _agencies;
    private readonly BankSimulator _banks;

    private SandboxServer(SyntheticPopulation population, SandboxFaults faults, Dictionary<string, SimulatedAgency> agencies, BankSimulator banks, AskedPersons asked)
    {
        Asked = asked;
        Population = population;
        Faults = faults;
        _agencies = agencies;
        _banks = banks;
    }

    public SyntheticPopulation Population { get; }

    /// <summary>Who each agency, and each bank, was asked about, and how often.</summary>
    public AskedPersons Asked { get; }

    /// <summary>Live fault settings: flip them while the server runs.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>The codes of the agencies this server simulates.</summary>
    public IReadOnlyCollection<string> Agencies => _agencies.Keys;

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = SandboxDay.For(options.Today);
        var population = new SyntheticPopulation(options.Seed, time);
        var faults = new SandboxFaults(options.Faults);
        var asked = new AskedPersons();
        var banks = new BankSimulator(population, time, options.ApiKey, faults.Bank, asked);
        IAgencySimulator[] simulators =
        [
            new SocialSecuritySimulator(population, time, asked),
            new HousingFundSimulator(population, time, asked),
            new BusinessRegistrySimulator(population, time, options.ApiKey, BusinessRegistryFaults.Of(faults), asked),
            new TaxSimulator(population, time, faults.Tax(), options.ApiKey, asked),
            banks,
            new VehicleSimulator(population, time, faults.For(AgencyCodes.Vehicle), options.Seed, asked),
        ];

        var agencies = new Dictionary<string, SimulatedAgency>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var simulator in simulators)
            {
                var injector = new FaultInjector(simulator.AgencyCode, options.Seed, faults.For(simulator.AgencyCode));
                var listenUrl = $"http://{options.ListenAddress}:{options.Ports.GetValueOrDefault(simulator.AgencyCode)}";
                agencies[simulator.AgencyCode] = await SimulatedAgency.StartAsync(simulator, options.ApiKey, injector, listenUrl, AdvertisedHost(options), ct);
            }
        }
        catch
        {
            foreach (var started in agencies.Values)
            {
                await started.DisposeAsync();
            }

            throw;
        }

        return new SandboxServer(population, faults, agencies, banks, asked);
    }

    /// <summary>The agency's base address, ending in a slash: the specifications' <c>{base}</c>.</summary>
    public Uri BaseUrl(string agencyCode) => Agency(agencyCode).BaseUrl;

    /// <summary>The X-Api-Key the agency expects.</summary>
    public string ApiKey(string agencyCode) => Agency(agencyCode).ApiKey;

    /// <summary>The hub configuration (<c>Agencies:*</c> addresses and credentials) that points every adapter at this sandbox.</summary>
    public IReadOnlyDictionary<string, string?> HubSettings() =>
        _agencies.Values.SelectMany(a => a.HubSettings).ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration (<c>Agencies:*</c> address and credentials) that points one agency's adapter at this sandbox.</summary>
    public IReadOnlyDictionary<string, string?> HubSettings(string agencyCode) =>
        Agency(agencyCode).HubSettings.ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Requests the agency has received, answered or failed on purpose.</summary>
    public long RequestCount(string agencyCode) => Agency(agencyCode).RequestCount;

    /// <summary>Inquiries the banks accepted, one per ticket unless a bank was asked the same inquiry again.</summary>
    public long BankSubmissions => _banks.Submissions;

    public async ValueTask DisposeAsync()
    {
        foreach (var agency in _agencies.Values)
        {
            await agency.DisposeAsync();
        }
    }

    private static string AdvertisedHost(SandboxOptions options) =>
        options.AdvertisedHost is { Length: > 0 } host ? host
        : options.ListenAddress is "0.0.0.0" or "[::]" or "*" or "+" ? "localhost"
        : options.ListenAddress;

    private SimulatedAgency Agency(string agencyCode) =>
        _agencies.TryGetValue(agencyCode, out var agency)
            ? agency
            : throw new ArgumentException($"The sandbox does not simulate '{agencyCode}'.", nameof(agencyCode));
}
