using System.Globalization;
using System.Net;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class HousingFundSimulatorTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private readonly HttpClient _client = sandbox.Client(AgencyCodes.HousingFund);
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Missing_or_wrong_key_is_401(string? key)
    {
        using var client = new HttpClient { BaseAddress = sandbox.Server.BaseUrl(AgencyCodes.HousingFund) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var id = sandbox.Population.Household(0).Members[0].IdNumber;
        (await client.GetAsync($"hf/api/accounts?idNumber={id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsync("hf/api/accounts:batch", Body(new { idNumbers = new[] { id } }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("hf/api/accounts?idNumber=220105198003150013")]
    [InlineData("hf/api/accounts?idNumber=abc")]
    [InlineData("hf/api/accounts?idNumber=11010519491231002x")]
    [InlineData("hf/api/accounts")]
    public async Task Malformed_or_missing_number_is_400(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Fact]
    public async Task Person_without_accounts_gets_an_empty_list()
    {
        var person = sandbox.FindPerson(p => p.HousingFundAccounts.Count == 0, Today);

        using var json = await Json(await _client.GetAsync($"hf/api/accounts?idNumber={person.IdNumber}"));

        json.RootElement.GetRawText().ShouldBe("""{"accounts":[]}""");
    }

    [Fact]
    public async Task Account_has_the_documented_shape_and_formats()
    {
        var person = sandbox.FindPerson(p => p.HousingFundAccounts.Any(a => a.Status == "normal"), Today);
        var expected = person.HousingFundAccounts[0];

        using var json = await Json(await _client.GetAsync($"hf/api/accounts?idNumber={person.IdNumber}"));

        Names(json.RootElement).ShouldBe(["accounts"]);
        var account = json.RootElement.GetProperty("accounts")[0];
        Names(account).ShouldBe(["accountNo", "status", "employerName", "depositBase", "monthlyDeposit", "balance", "lastDepositMonth", "openedOn"]);
        foreach (var amount in new[] { "depositBase", "monthlyDeposit", "balance" })
        {
            account.GetProperty(amount).ValueKind.ShouldBe(JsonValueKind.String);
            account.GetProperty(amount).GetString()!.ShouldMatch(@"^\d+\.\d{2}$");
        }

        account.GetProperty("accountNo").GetString().ShouldBe(expected.AccountNo);
        account.GetProperty("depositBase").GetString().ShouldBe(expected.DepositBase.ToString("0.00", CultureInfo.InvariantCulture));
        account.GetProperty("lastDepositMonth").GetString()!.ShouldMatch(@"^\d{6}$");
        account.GetProperty("openedOn").GetString().ShouldBe(expected.OpenedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        account.GetProperty("employerName").GetString().ShouldBe(person.Employments.Single(e => e.To == null).EmployerName);
    }

    [Fact]
    public async Task Batch_answers_every_id_once_including_those_without_accounts()
    {
        var ids = sandbox.Population.Households().SelectMany(h => h.Members).Take(500).Select(m => m.IdNumber).ToList();
        var asked = ids.Concat(ids.Take(10)).Take(500).ToArray();

        var response = await _client.PostAsync("hf/api/accounts:batch", Body(new { idNumbers = asked }));

        using var json = await Json(response);
        Names(json.RootElement).ShouldBe(["results"]);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("idNumber").GetString()).ShouldBe(asked.Distinct());
        results.ShouldContain(r => r.GetProperty("accounts").GetArrayLength() == 0);
        results.ShouldContain(r => r.GetProperty("accounts").GetArrayLength() > 0);
        Names(results[0]).ShouldBe(["idNumber", "accounts"]);
    }

    [Fact]
    public async Task Batch_of_501_is_400_TOO_MANY_IDS()
    {
        var ids = sandbox.Population.Households().SelectMany(h => h.Members).Take(501).Select(m => m.IdNumber).ToArray();

        var response = await _client.PostAsync("hf/api/accounts:batch", Body(new { idNumbers = ids }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("TOO_MANY_IDS");
    }
}
