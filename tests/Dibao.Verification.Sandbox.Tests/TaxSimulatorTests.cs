using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using Dibao.Verification.Sandbox.Tax;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class TaxSimulatorTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private const string IncomePath = "tax/v2/income-records";
    private const string BatchPath = "tax/v2/income-records:batch";

    private static readonly DateOnly ThisMonth = FirstOfMonth(SandboxClock.Today(TimeProvider.System));

    private readonly HttpClient _client = new() { BaseAddress = sandbox.Server.BaseUrl(AgencyCodes.Tax) };

    private TaxFaults Faults => sandbox.Server.Faults.Tax();

    public void Dispose()
    {
        Faults.Clear();
        sandbox.Server.Faults.For(AgencyCodes.Tax).Clear();
        _client.Dispose();
    }

    [Fact]
    public void The_hub_is_given_the_base_url_and_client_credentials_and_no_api_key()
    {
        var settings = sandbox.Server.HubSettings();

        settings["Agencies:Tax:BaseUrl"].ShouldBe(sandbox.Server.BaseUrl(AgencyCodes.Tax).ToString());
        settings["Agencies:Tax:ClientId"].ShouldBe(TaxSimulator.ClientId);
        settings["Agencies:Tax:ClientSecret"].ShouldBe(SandboxOptions.DefaultApiKey);
        settings.ContainsKey("Agencies:Tax:ApiKey").ShouldBeFalse();
    }

    [Fact]
    public async Task Client_credentials_get_a_bearer_token_with_its_lifetime()
    {
        using var json = await Json(await RequestToken());

        Names(json.RootElement).ShouldBe(["access_token", "token_type", "expires_in"]);
        json.RootElement.GetProperty("access_token").GetString().ShouldNotBeNullOrWhiteSpace();
        json.RootElement.GetProperty("token_type").GetString().ShouldBe("Bearer");
        json.RootElement.GetProperty("expires_in").GetInt32().ShouldBe(600);
    }

    [Theory]
    [InlineData("client_credentials", TaxSimulator.ClientId, "wrong", HttpStatusCode.Unauthorized, "INVALID_CLIENT")]
    [InlineData("client_credentials", "someone-else", SandboxOptions.DefaultApiKey, HttpStatusCode.Unauthorized, "INVALID_CLIENT")]
    [InlineData("password", TaxSimulator.ClientId, SandboxOptions.DefaultApiKey, HttpStatusCode.BadRequest, "UNSUPPORTED_GRANT_TYPE")]
    public async Task Wrong_credentials_or_grant_get_no_token(string grant, string clientId, string secret, HttpStatusCode status, string code)
    {
        var response = await RequestToken(grant, clientId, secret);

        response.StatusCode.ShouldBe(status);
        (await Code(response)).ShouldBe(code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Income_without_a_known_token_is_401(string? token)
    {
        var person = sandbox.FindPerson(p => p.Profile == SyntheticProfile.WageEarner, ThisMonth);
        if (token is not null)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var single = await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.NameAtTaxBureau, 12)));
        var batch = await _client.PostAsync(BatchPath, Body(AskBatch(12, (person.IdNumber, person.NameAtTaxBureau))));

        single.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(single)).ShouldBe("INVALID_TOKEN");
        batch.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wage_earner_gets_the_records_of_the_window_in_fen_by_month()
    {
        await Authorize();
        var person = sandbox.FindPerson(p => p.Profile == SyntheticProfile.WageEarner && !p.NameDiffersAtTaxBureau && p.TaxRecords.Count > 0, ThisMonth);

        using var json = await Json(await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 12))));

        Names(json.RootElement).ShouldBe(["records"]);
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        records.Count.ShouldBe(person.TaxRecords.Count);
        Names(records[0]).ShouldBe(["period", "category", "payer", "grossFen", "taxFen"]);
        records.Select(r => (r.GetProperty("period").GetString(), r.GetProperty("category").GetString(), r.GetProperty("payer").GetString(),
                r.GetProperty("grossFen").GetInt64(), r.GetProperty("taxFen").GetInt64()))
            .ShouldBe(person.TaxRecords.Select(r => ((string?)r.Period.ToString("yyyyMM", CultureInfo.InvariantCulture), (string?)r.Category, (string?)r.Payer, r.GrossFen, r.TaxFen)));
        records.ShouldAllBe(r => r.GetProperty("grossFen").ValueKind == JsonValueKind.Number && !r.GetProperty("grossFen").GetRawText().Contains('.'));
    }

    [Fact]
    public async Task Only_months_inside_the_window_are_answered()
    {
        await Authorize();
        var person = sandbox.FindPerson(p => p.Profile == SyntheticProfile.WageEarner && !p.NameDiffersAtTaxBureau && p.TaxRecords.Count > 0, ThisMonth);

        using var json = await Json(await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 3))));

        var expected = person.TaxRecords.Where(r => r.Period >= ThisMonth.AddMonths(-3)).Select(r => r.Period.ToString("yyyyMM", CultureInfo.InvariantCulture));
        json.RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("period").GetString()).ShouldBe(expected);
    }

    [Fact]
    public async Task No_income_in_the_window_is_an_empty_list()
    {
        await Authorize();
        var person = sandbox.FindPerson(p => p.TaxRecords.Count == 0 && !p.NameDiffersAtTaxBureau, ThisMonth);

        using var json = await Json(await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 12))));

        json.RootElement.GetProperty("records").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task More_than_twelve_months_is_400_WINDOW_TOO_LONG()
    {
        await Authorize();
        var person = sandbox.FindPerson(p => !p.NameDiffersAtTaxBureau, ThisMonth);

        var response = await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 13)));
        var batch = await _client.PostAsync(BatchPath, Body(AskBatch(13, (person.IdNumber, person.Name))));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("WINDOW_TOO_LONG");
        batch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(batch)).ShouldBe("WINDOW_TOO_LONG");
    }

    [Fact]
    public async Task A_name_other_than_the_bureaus_is_409_NAME_ID_MISMATCH()
    {
        await Authorize();
        var person = sandbox.FindPerson(p => p.NameDiffersAtTaxBureau, ThisMonth);

        var asApplied = await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 12)));
        var asHeld = await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.NameAtTaxBureau, 12)));

        asApplied.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Code(asApplied)).ShouldBe("NAME_ID_MISMATCH");
        asHeld.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_malformed_number_is_400()
    {
        await Authorize();

        var response = await _client.PostAsync(IncomePath, Body(new { idNumber = "220105198003150013", name = "王建国", fromMonth = "2026-01", toMonth = "2026-02" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Fact]
    public async Task The_batch_answers_every_person_once_with_a_status()
    {
        await Authorize();
        var matching = sandbox.FindPerson(p => p.Profile == SyntheticProfile.WageEarner && !p.NameDiffersAtTaxBureau && p.TaxRecords.Count > 0, ThisMonth);
        var mismatched = sandbox.FindPerson(p => p.NameDiffersAtTaxBureau, ThisMonth);

        using var json = await Json(await _client.PostAsync(BatchPath, Body(AskBatch(
            12, (matching.IdNumber, matching.Name), (mismatched.IdNumber, mismatched.Name), (matching.IdNumber, matching.Name)))));

        Names(json.RootElement).ShouldBe(["results"]);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => (r.GetProperty("idNumber").GetString(), r.GetProperty("status").GetString()))
            .ShouldBe([(matching.IdNumber, "ok"), (mismatched.IdNumber, "NAME_ID_MISMATCH")]);
        Names(results[0]).ShouldBe(["idNumber", "status", "records"]);
        results[0].GetProperty("records").GetArrayLength().ShouldBe(matching.TaxRecords.Count);
        results[1].GetProperty("records").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task More_than_five_hundred_persons_is_400()
    {
        await Authorize();
        var persons = sandbox.Population.Households().SelectMany(h => h.Members).Take(501).Select(m => (m.IdNumber, m.Name)).ToArray();

        var response = await _client.PostAsync(BatchPath, Body(AskBatch(12, persons)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("TOO_MANY_PERSONS");
    }

    [Fact]
    public async Task Forcing_expiry_makes_issued_tokens_401_TOKEN_EXPIRED_while_new_ones_work_and_the_lifetime_is_configurable()
    {
        var person = sandbox.FindPerson(p => !p.NameDiffersAtTaxBureau, ThisMonth);
        Faults.TokenLifetime = TimeSpan.FromSeconds(1);
        using (var json = await Json(await RequestToken()))
        {
            json.RootElement.GetProperty("expires_in").GetInt32().ShouldBe(1);
        }

        // Back to the default before the tokens used below are issued: a token living one real second would expire by
        // itself on a busy machine, and only the forced expiry may turn the first one away.
        Faults.TokenLifetime = TaxFaults.DefaultTokenLifetime;
        await Authorize();
        Faults.ExpireIssuedTokens();

        var expired = await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 12)));
        await Authorize();
        var renewed = await _client.PostAsync(IncomePath, Body(Ask(person.IdNumber, person.Name, 12)));

        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(expired)).ShouldBe("TOKEN_EXPIRED");
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Throttled_token_requests_are_429_with_retry_after()
    {
        Faults.ThrottleTokenRequests = true;

        var response = await RequestToken();

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_generic_faults_apply_to_the_bureau_too()
    {
        sandbox.Server.Faults.For(AgencyCodes.Tax).Outage = true;

        (await RequestToken()).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Tokens_beyond_the_ration_are_429()
    {
        Faults.TokensPerMinute = 1;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await RequestToken()).StatusCode);
        }

        statuses.Skip(1).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The <paramref name="months"/> months before this one.</summary>
    private static object Ask(string idNumber, string name, int months) =>
        new { idNumber, name, fromMonth = Month(ThisMonth.AddMonths(-months)), toMonth = Month(ThisMonth.AddMonths(-1)) };

    private static object AskBatch(int months, params (string IdNumber, string Name)[] persons) => new
    {
        fromMonth = Month(ThisMonth.AddMonths(-months)),
        toMonth = Month(ThisMonth.AddMonths(-1)),
        persons = persons.Select(p => new { idNumber = p.IdNumber, name = p.Name }).ToArray(),
    };

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> RequestToken(string grant = "client_credentials", string clientId = TaxSimulator.ClientId, string secret = SandboxOptions.DefaultApiKey) =>
        _client.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grant,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    private async Task Authorize()
    {
        using var json = await Json(await RequestToken());
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
    }
}
