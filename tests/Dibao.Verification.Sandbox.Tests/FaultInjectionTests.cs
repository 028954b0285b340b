using System.Net;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Faults;
using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class FaultInjectionTests : IAsyncLifetime
{
    private static readonly HttpStatusCode[] Transient =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Rate_one_gives_only_transient_failures_of_every_kind()
    {
        _server.Faults.For(AgencyCodes.HousingFund).TransientRate = 1;
        var seen = new HashSet<string>();

        for (var i = 0; i < 120; i++)
        {
            seen.Add(await Outcome(AgencyCodes.HousingFund));
        }

        seen.ShouldBeSubsetOf(Transient.Select(s => s.ToString()).Append("aborted").Append("429 Retry-After 1"));
        seen.Count.ShouldBe(6);
        (await Outcome(AgencyCodes.SocialSecurity)).ShouldBe(nameof(HttpStatusCode.OK), "other agencies stay healthy");
    }

    [Fact]
    public async Task Rate_zero_gives_none_and_a_partial_rate_some()
    {
        var outcomes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            outcomes.Add(await Outcome(AgencyCodes.SocialSecurity));
        }

        outcomes.ShouldAllBe(o => o == nameof(HttpStatusCode.OK));

        _server.Faults.For(AgencyCodes.SocialSecurity).TransientRate = 0.3;
        outcomes.Clear();
        for (var i = 0; i < 200; i++)
        {
            outcomes.Add(await Outcome(AgencyCodes.SocialSecurity));
        }

        outcomes.Count(o => o != nameof(HttpStatusCode.OK)).ShouldBeInRange(30, 90);
    }

    [Fact]
    public async Task Outage_gives_503_until_lifted()
    {
        _server.Faults.For(AgencyCodes.SocialSecurity).Outage = true;
        (await Outcome(AgencyCodes.SocialSecurity)).ShouldBe(nameof(HttpStatusCode.ServiceUnavailable));
        (await Outcome(AgencyCodes.SocialSecurity)).ShouldBe(nameof(HttpStatusCode.ServiceUnavailable));

        _server.Faults.For(AgencyCodes.SocialSecurity).Outage = false;
        (await Outcome(AgencyCodes.SocialSecurity)).ShouldBe(nameof(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        _server.Faults.For(AgencyCodes.HousingFund).Latency = TimeSpan.FromMilliseconds(300);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        (await Outcome(AgencyCodes.HousingFund)).ShouldBe(nameof(HttpStatusCode.OK));

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_fault_sequence()
    {
        await using var other = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        _server.Faults.For(AgencyCodes.HousingFund).TransientRate = 0.5;
        other.Faults.For(AgencyCodes.HousingFund).TransientRate = 0.5;

        var first = new List<string>();
        var second = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            first.Add(await Outcome(AgencyCodes.HousingFund));
            second.Add(await Outcome(AgencyCodes.HousingFund, other));
        }

        second.ShouldBe(first);
    }

    [Fact]
    public async Task Faults_and_options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:Seed"] = "42",
            ["Sandbox:ApiKey"] = "k-1",
            ["Sandbox:Faults:housing-fund:Outage"] = "true",
            ["Sandbox:Faults:social-security:TransientRate"] = "0.25",
            ["Sandbox:Faults:social-security:Latency"] = "00:00:00.050",
        }).Build();

        var options = SandboxOptions.Bind(configuration);

        options.Enabled.ShouldBeTrue();
        options.Seed.ShouldBe(42);
        options.ApiKey.ShouldBe("k-1");
        options.Faults["housing-fund"].Outage.ShouldBeTrue();
        options.Faults["social-security"].TransientRate.ShouldBe(0.25);
        options.Faults["social-security"].Latency.ShouldBe(TimeSpan.FromMilliseconds(50));
        SandboxOptions.Bind(new ConfigurationBuilder().Build()).Seed.ShouldBe(SandboxOptions.DefaultSeed);

        await using var server = await SandboxServer.StartAsync(options, CancellationToken.None);
        server.ApiKey(AgencyCodes.HousingFund).ShouldBe("k-1");
        server.Faults.For(AgencyCodes.HousingFund).Outage.ShouldBeTrue();
        (await Outcome(AgencyCodes.HousingFund, server)).ShouldBe(nameof(HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public void Rate_outside_zero_to_one_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => _server.Faults.For(AgencyCodes.HousingFund).TransientRate = 1.5);
    }

    private Task<string> Outcome(string agencyCode) => Outcome(agencyCode, _server);

    /// <summary>A healthy answer would be 200: the request is valid and authorized.</summary>
    private static async Task<string> Outcome(string agencyCode, SandboxServer server)
    {
        using var client = new HttpClient { BaseAddress = server.BaseUrl(agencyCode) };
        client.DefaultRequestHeaders.Add("X-Api-Key", server.ApiKey(agencyCode));
        var household = server.Population.Household(0);
        var path = agencyCode == AgencyCodes.HousingFund
            ? $"hf/api/accounts?idNumber={household.Members[0].IdNumber}"
            : "api/v1/insured-persons:batch-query";
        try
        {
            using var response = agencyCode == AgencyCodes.HousingFund
                ? await client.GetAsync(path)
                : await client.PostAsync(path, SocialSecuritySimulatorTests.Body(new { asOf = "2026-11-01", idNumbers = new[] { household.Members[0].IdNumber } }));
            return response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta == TimeSpan.FromSeconds(1)
                ? "429 Retry-After 1"
                : response.StatusCode.ToString();
        }
        catch (HttpRequestException)
        {
            return "aborted";
        }
    }
}
