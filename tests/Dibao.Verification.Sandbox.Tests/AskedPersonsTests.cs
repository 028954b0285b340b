using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Bank;

namespace Dibao.Verification.Sandbox.Tests;

/// <summary>The count of who was asked about, which the fault tests rely on to show that nobody was asked again.</summary>
public sealed class AskedPersonsTests : IAsyncLifetime
{
    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Each_person_a_request_names_is_counted_once_per_request_at_its_agency()
    {
        var ids = Persons(3);
        using var client = Client(AgencyCodes.HousingFund);

        (await client.PostAsJsonAsync("hf/api/accounts:batch", new { idNumbers = ids })).EnsureSuccessStatusCode();
        (await client.GetAsync($"hf/api/accounts?idNumber={ids[0]}")).EnsureSuccessStatusCode();

        _server.Asked.TimesAsked(AgencyCodes.HousingFund, ids[0]).ShouldBe(2);
        _server.Asked.TimesAsked(AgencyCodes.HousingFund, ids[1]).ShouldBe(1);
        _server.Asked.MostTimesAskedAboutOnePerson(AgencyCodes.HousingFund).ShouldBe(2);
        _server.Asked.PersonsAsked(AgencyCodes.HousingFund).ShouldBe(3);
        _server.Asked.PersonsAsked(AgencyCodes.SocialSecurity).ShouldBe(0);
    }

    [Fact]
    public async Task A_request_stopped_by_an_outage_or_refused_as_malformed_counts_nobody()
    {
        var ids = Persons(2);
        using var client = Client(AgencyCodes.HousingFund);

        _server.Faults.For(AgencyCodes.HousingFund).Outage = true;
        (await client.PostAsJsonAsync("hf/api/accounts:batch", new { idNumbers = ids })).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        _server.Faults.For(AgencyCodes.HousingFund).Outage = false;
        (await client.PostAsJsonAsync("hf/api/accounts:batch", new { idNumbers = new[] { ids[0], "220105198003150013" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        _server.Asked.PersonsAsked(AgencyCodes.HousingFund).ShouldBe(0);
    }

    [Fact]
    public async Task Each_bank_counts_its_own_inquiries()
    {
        var ids = Persons(2);
        using var icbc = new HttpClient { BaseAddress = new Uri(_server.BaseUrl(AgencyCodes.Bank), "icbc/") };
        icbc.DefaultRequestHeaders.Add("X-Api-Key", BankSimulator.KeyFor(SandboxOptions.DefaultApiKey, "ICBC"));

        var inquiry = new { inquiryNo = "inq-asked", persons = ids.Select(id => new { idNumber = id, name = "王建国" }) };
        (await icbc.PostAsJsonAsync("open/v1/deposit-inquiries", inquiry)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await icbc.PostAsJsonAsync("open/v1/deposit-inquiries", inquiry)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        _server.Asked.TimesAsked("bank:ICBC", ids[1]).ShouldBe(2, "asked again, even under the same inquiry number");
        _server.Asked.PersonsAsked("bank:BOC").ShouldBe(0);
    }

    private List<string> Persons(int count) =>
        [.. _server.Population.Households(start: 100).SelectMany(h => h.Members).Take(count).Select(m => m.IdNumber)];

    private HttpClient Client(string agency)
    {
        var client = new HttpClient { BaseAddress = _server.BaseUrl(agency) };
        client.DefaultRequestHeaders.Add("X-Api-Key", _server.ApiKey(agency));
        return client;
    }
}
