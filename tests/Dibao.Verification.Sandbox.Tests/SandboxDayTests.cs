using System.Globalization;
using Dibao.Verification.Domain.Policy;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

/// <summary><c>Sandbox:Today</c>: the simulated agencies answer as on the pinned day, whatever day it is.</summary>
public sealed class SandboxDayTests : IAsyncLifetime
{
    private static readonly DateOnly Pinned = new(2024, 6, 20);

    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(new SandboxOptions { Today = Pinned });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_agency_answers_about_the_pinned_day()
    {
        var person = _server.Population.Households().SelectMany(h => h.Members)
            .Select(m => _server.Population.Describe(m.IdNumber, Pinned))
            .First(p => p.HousingFundAccounts.Any(a => a.Status == "normal"));
        using var client = new HttpClient { BaseAddress = _server.BaseUrl(AgencyCodes.HousingFund) };
        client.DefaultRequestHeaders.Add("X-Api-Key", _server.ApiKey(AgencyCodes.HousingFund));

        using var json = await Json(await client.GetAsync($"hf/api/accounts?idNumber={person.IdNumber}"));

        var lastDeposit = json.RootElement.GetProperty("accounts")[0].GetProperty("lastDepositMonth").GetString();
        lastDeposit.ShouldBe(person.HousingFundAccounts[0].LastDepositMonth!.Value.ToString("yyyyMM", CultureInfo.InvariantCulture));
        string.CompareOrdinal(lastDeposit, "202406").ShouldBeLessThanOrEqualTo(0, "nothing was paid in after the pinned day");
    }

    [Fact]
    public void The_population_takes_the_pinned_day_for_today()
    {
        var id = _server.Population.Household(0).Members[0].IdNumber;

        _server.Population.Describe(id).AsOf.ShouldBe(Pinned);
    }
}
