using System.Net;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Bank;
using Dibao.Verification.Sandbox.Population;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

/// <summary>A sandbox of its own per test, since the tests flip the banks' faults.</summary>
public sealed class BankSimulatorTests : IAsyncLifetime
{
    private const string Inquiries = "open/v1/deposit-inquiries";

    private SandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Hub_settings_name_every_bank_with_its_own_address_and_key_and_have_the_hub_ask_each()
    {
        var settings = _server.HubSettings();

        for (var i = 0; i < BankSimulator.Banks.Count; i++)
        {
            var bank = BankSimulator.Banks[i];
            settings[$"Agencies:Bank:Banks:{i}:Code"].ShouldBe(bank.Code);
            settings[$"Agencies:Bank:Banks:{i}:BaseUrl"].ShouldBe(new Uri(_server.BaseUrl(AgencyCodes.Bank), bank.PathSegment + "/").ToString());
            settings[$"Agencies:Bank:Banks:{i}:ApiKey"].ShouldBe(BankSimulator.KeyFor(SandboxOptions.DefaultApiKey, bank.Code));
            settings[$"Verification:Banks:{i}"].ShouldBe(bank.Code);
        }
    }

    [Fact]
    public async Task A_completed_inquiry_lists_every_person_with_only_this_banks_accounts()
    {
        var holder = FindPerson(p => p.BankAccounts.Any(a => a.BankCode == "102") && p.BankAccounts.Any(a => a.BankCode != "102"));
        var none = FindPerson(p => p.BankAccounts.Count == 0);
        using var client = Client("ICBC");

        var ticket = await SubmitAsync(client, "inq-1", holder.IdNumber, none.IdNumber);
        using var json = await Json(await client.GetAsync($"{Inquiries}/{ticket}"));

        json.RootElement.GetProperty("status").GetString().ShouldBe("completed");
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("idNumber").GetString()).ShouldBe([holder.IdNumber, none.IdNumber]);
        var accounts = results[0].GetProperty("accounts").EnumerateArray().ToList();
        accounts.Select(a => a.GetProperty("account").GetString()).ShouldBe(holder.BankAccounts.Where(a => a.BankCode == "102").Select(a => a.MaskedAccount));
        Names(accounts[0]).ShouldBe(["account", "product", "balance", "currency"]);
        accounts[0].GetProperty("product").GetString().ShouldBeOneOf("demand", "time", "wealth-management", "fund");
        accounts[0].GetProperty("balance").GetRawText().ShouldMatch(@"^\d+\.\d{2}$");
        accounts[0].GetProperty("currency").GetString().ShouldBe("CNY");
        results[1].GetProperty("accounts").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_same_inquiry_number_gets_the_same_ticket_and_another_gets_another()
    {
        var id = FindPerson(_ => true).IdNumber;
        using var client = Client("CCB");

        var first = await SubmitAsync(client, "inq-2", id);
        var again = await SubmitAsync(client, "inq-2", id);
        var other = await SubmitAsync(client, "inq-3", id);

        again.ShouldBe(first);
        other.ShouldNotBe(first);
        first.ShouldMatch(@"^T\d{8}-\d{6}$");
    }

    [Fact]
    public async Task More_than_a_hundred_persons_is_400_TOO_MANY_PERSONS()
    {
        var ids = _server.Population.Households().SelectMany(h => h.Members).Take(101).Select(m => m.IdNumber).ToArray();
        using var client = Client("ICBC");

        var response = await client.PostAsync(Inquiries, Inquiry("inq-4", ids));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("TOO_MANY_PERSONS");
    }

    [Fact]
    public async Task A_malformed_number_is_400()
    {
        using var client = Client("ICBC");

        var response = await client.PostAsync(Inquiries, Inquiry("inq-5", "220105198003150013"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Fact]
    public async Task An_unknown_ticket_or_another_banks_ticket_is_404()
    {
        var id = FindPerson(_ => true).IdNumber;
        using var icbc = Client("ICBC");
        using var abc = Client("ABC");
        var ticket = await SubmitAsync(icbc, "inq-6", id);

        (await icbc.GetAsync($"{Inquiries}/T20200101-999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await abc.GetAsync($"{Inquiries}/{ticket}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_bank_wants_its_own_key()
    {
        using var client = Client("ICBC", BankSimulator.KeyFor(SandboxOptions.DefaultApiKey, "CCB"));

        var response = await client.PostAsync(Inquiries, Inquiry("inq-7", FindPerson(_ => true).IdNumber));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Slow_tickets_stay_processing_and_say_how_long_they_expect_to_take()
    {
        _server.Faults.Bank.ProcessingTime = TimeSpan.FromHours(1);
        using var client = Client("ICBC");

        var submitted = await client.PostAsync(Inquiries, Inquiry("inq-8", FindPerson(_ => true).IdNumber));
        using var ticket = await Accepted(submitted);
        using var status = await Json(await client.GetAsync($"{Inquiries}/{ticket.RootElement.GetProperty("ticket").GetString()}"));

        ticket.RootElement.GetProperty("estimatedSeconds").GetInt32().ShouldBe(3600);
        Names(status.RootElement).ShouldBe(["status"]);
        status.RootElement.GetProperty("status").GetString().ShouldBe("processing");
    }

    [Fact]
    public async Task A_stalled_bank_never_completes_while_the_others_do()
    {
        _server.Faults.Bank.StalledBank = "ICBC";
        var id = FindPerson(_ => true).IdNumber;
        using var icbc = Client("ICBC");
        using var ccb = Client("CCB");

        using var stalled = await Json(await icbc.GetAsync($"{Inquiries}/{await SubmitAsync(icbc, "inq-9", id)}"));
        using var done = await Json(await ccb.GetAsync($"{Inquiries}/{await SubmitAsync(ccb, "inq-9", id)}"));

        stalled.RootElement.GetProperty("status").GetString().ShouldBe("processing");
        done.RootElement.GetProperty("status").GetString().ShouldBe("completed");

        _server.Faults.ClearAll();
        _server.Faults.Bank.StalledBank.ShouldBeNull();
    }

    [Fact]
    public async Task Generic_faults_reach_the_banks_too()
    {
        _server.Faults.For(AgencyCodes.Bank).Outage = true;
        using var client = Client("ICBC");

        var response = await client.PostAsync(Inquiries, Inquiry("inq-10", FindPerson(_ => true).IdNumber));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    private HttpClient Client(string bank, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(_server.BaseUrl(AgencyCodes.Bank), bank.ToLowerInvariant() + "/") };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey ?? BankSimulator.KeyFor(SandboxOptions.DefaultApiKey, bank));
        return client;
    }

    private static StringContent Inquiry(string inquiryNo, params string[] ids) =>
        Body(new { inquiryNo, persons = ids.Select(id => new { idNumber = id, name = "王建国" }) });

    private static async Task<string> SubmitAsync(HttpClient client, string inquiryNo, params string[] ids)
    {
        var response = await client.PostAsync(Inquiries, Inquiry(inquiryNo, ids));
        using var json = await Accepted(response);
        return json.RootElement.GetProperty("ticket").GetString()!;
    }

    private static async Task<JsonDocument> Accepted(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private SyntheticPerson FindPerson(Func<SyntheticPerson, bool> match) =>
        _server.Population.Households()
            .SelectMany(h => h.Members)
            .Select(m => _server.Population.Describe(m.IdNumber))
            .First(match);
}
