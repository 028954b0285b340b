using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Faults;
using Dibao.Verification.Sandbox.Population;
using Dibao.Verification.Sandbox.Tax;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

/// <summary>The tax simulator alone on a clock the test moves.</summary>
public sealed class TaxTokenLifetimeTests : IAsyncLifetime, IDisposable
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
    private readonly TaxFaults _faults = new();
    private readonly SyntheticPopulation _population = new(SandboxOptions.DefaultSeed);
    private SimulatedAgency _agency = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var simulator = new TaxSimulator(_population, _clock, _faults, "secret", new AskedPersons());
        _agency = await SimulatedAgency.StartAsync(simulator, "unused", new FaultInjector(AgencyCodes.Tax, 1, new AgencyFaults(null)), "http://127.0.0.1:0", "127.0.0.1", CancellationToken.None);
        _client = new HttpClient { BaseAddress = _agency.BaseUrl };
    }

    public async Task DisposeAsync() => await _agency.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_token_is_good_for_its_lifetime_and_then_401_TOKEN_EXPIRED()
    {
        _faults.TokenLifetime = TimeSpan.FromSeconds(30);
        await Authorize();

        _clock.Advance(TimeSpan.FromSeconds(29));
        var within = await AskAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await AskAsync();

        within.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(after)).ShouldBe("TOKEN_EXPIRED");
    }

    [Fact]
    public async Task An_expired_token_is_still_TOKEN_EXPIRED_after_another_token_was_issued()
    {
        // Another client's token request must not turn this one into an unknown token, which the hub may not renew.
        _faults.TokenLifetime = TimeSpan.FromSeconds(30);
        await Authorize();
        var expired = _client.DefaultRequestHeaders.Authorization;
        _clock.Advance(TimeSpan.FromSeconds(31));
        (await RequestToken()).StatusCode.ShouldBe(HttpStatusCode.OK);

        _client.DefaultRequestHeaders.Authorization = expired;
        var after = await AskAsync();

        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(after)).ShouldBe("TOKEN_EXPIRED");
    }

    [Fact]
    public async Task The_ration_refills_a_minute_after_the_tokens_were_issued()
    {
        _faults.TokensPerMinute = 2;
        (await RequestToken()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RequestToken()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RequestToken()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        _clock.Advance(TimeSpan.FromMinutes(1));

        (await RequestToken()).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> AskAsync()
    {
        var person = _population.Describe(_population.Household(0).Members[0].IdNumber, new DateOnly(2026, 11, 20));
        return _client.PostAsync("tax/v2/income-records", Body(new { idNumber = person.IdNumber, name = person.NameAtTaxBureau, fromMonth = "2026-01", toMonth = "2026-02" }));
    }

    private Task<HttpResponseMessage> RequestToken() =>
        _client.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TaxSimulator.ClientId,
            ["client_secret"] = "secret",
        }));

    private async Task Authorize()
    {
        var response = await RequestToken();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
    }
}
