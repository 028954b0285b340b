using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.BusinessRegistry;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class BusinessRegistrySimulatorTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private const string BatchTarget = "/samr/v1/entities:batch-query";
    private static readonly string[] EntityFields =
        ["creditCode", "name", "type", "role", "registeredCapitalWan", "status", "established", "deregistered"];

    private readonly HttpClient _client = new() { BaseAddress = sandbox.Server.BaseUrl(AgencyCodes.BusinessRegistry) };
    private readonly string _appId = sandbox.Server.HubSettings()["Agencies:BusinessRegistry:AppId"]!;
    private readonly string _secret = sandbox.Server.HubSettings()["Agencies:BusinessRegistry:Secret"]!;

    private BusinessRegistryFaults Faults => BusinessRegistryFaults.Of(sandbox.Server.Faults);

    [Fact]
    public void Hub_settings_point_the_adapter_at_the_simulator_with_signing_credentials()
    {
        var settings = sandbox.Server.HubSettings();

        settings["Agencies:BusinessRegistry:BaseUrl"].ShouldBe(sandbox.Server.BaseUrl(AgencyCodes.BusinessRegistry).ToString());
        _appId.ShouldNotBeNullOrEmpty();
        _secret.ShouldNotBeNullOrEmpty();
        settings.Keys.ShouldNotContain("Agencies:BusinessRegistry:ApiKey");
    }

    [Fact]
    public async Task An_unsigned_request_is_401_even_with_the_api_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, EntitiesTarget(AnyPerson().IdNumber));
        request.Headers.Add("X-Api-Key", sandbox.Server.ApiKey(AgencyCodes.BusinessRegistry));

        var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("wrong-secret", null)]
    [InlineData(null, "other-app")]
    public async Task A_wrong_secret_or_app_id_is_401_INVALID_SIGNATURE(string? secret, string? appId)
    {
        var response = await SendAsync(HttpMethod.Get, EntitiesTarget(AnyPerson().IdNumber), secret: secret, appId: appId);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(response)).ShouldBe("INVALID_SIGNATURE");
    }

    [Fact]
    public async Task A_signature_over_another_target_is_401()
    {
        var person = AnyPerson();

        var response = await SendAsync(HttpMethod.Get, EntitiesTarget(person.IdNumber, 1, 20), signedTarget: EntitiesTarget(person.IdNumber, 2, 20));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(-360, HttpStatusCode.Unauthorized)]
    [InlineData(360, HttpStatusCode.Unauthorized)]
    [InlineData(-240, HttpStatusCode.OK)]
    [InlineData(240, HttpStatusCode.OK)]
    public async Task Timestamps_more_than_300_s_from_the_agency_clock_are_401(int offsetSeconds, HttpStatusCode expected)
    {
        // A minute either side of the 300 s window: the timestamp is taken from the test's clock, the agency reads its own
        // later, and on a busy machine the two can be seconds apart (at ±301 a second boundary made the gap exactly 300).
        // Time passing only narrows a future timestamp's gap and widens a past one's, so +360 stays out and -240 stays in
        // for a minute.
        var response = await SendAsync(HttpMethod.Get, EntitiesTarget(AnyPerson().IdNumber), at: DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.Unauthorized)
        {
            (await Code(response)).ShouldBe("TIMESTAMP_OUT_OF_RANGE");
        }
    }

    [Fact]
    public async Task A_batch_signed_without_the_body_hash_or_over_another_body_is_401()
    {
        var body = IdsBody(AnyPerson().IdNumber);

        var withoutHash = await SendAsync(HttpMethod.Post, BatchTarget, body, signedBody: string.Empty, hashBody: false);
        var otherBody = await SendAsync(HttpMethod.Post, BatchTarget, body, signedBody: IdsBody(sandbox.FindPerson(p => p.Businesses.Count == 0).IdNumber));
        var right = await SendAsync(HttpMethod.Post, BatchTarget, body);

        withoutHash.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        otherBody.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("220105198003150013")]
    [InlineData("22010519800315001")]
    [InlineData("22010519801315001X")]
    [InlineData("11010519491231002x")]
    public async Task Malformed_number_is_400(string idNumber)
    {
        var response = await SendAsync(HttpMethod.Get, EntitiesTarget(idNumber));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(1, 0)]
    [InlineData(1, 51)]
    public async Task Page_sizes_above_50_and_pages_below_1_are_400(int page, int pageSize)
    {
        var response = await SendAsync(HttpMethod.Get, EntitiesTarget(AnyPerson().IdNumber, page, pageSize));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_person_without_entities_gets_the_documented_empty_answer()
    {
        var person = sandbox.FindPerson(p => p.Businesses.Count == 0);

        var response = await SendAsync(HttpMethod.Get, EntitiesTarget(person.IdNumber, 1, 20));

        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"total":0,"page":1,"pageSize":20,"items":[]}""");
    }

    [Fact]
    public async Task Entities_have_the_documented_shape_and_the_population_values()
    {
        var person = sandbox.FindPerson(p => p.Businesses.Any(b => b.Deregistered is not null), Today());
        var business = person.Businesses.First(b => b.Deregistered is not null);

        using var json = await Json(await SendAsync(HttpMethod.Get, EntitiesTarget(person.IdNumber, 1, 50)));

        Names(json.RootElement).ShouldBe(["total", "page", "pageSize", "items"]);
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(person.Businesses.Count);
        var item = json.RootElement.GetProperty("items").EnumerateArray().ElementAt(person.Businesses.ToList().IndexOf(business));
        Names(item).ShouldBe(EntityFields);
        item.GetProperty("creditCode").GetString().ShouldBe(business.CreditCode);
        item.GetProperty("name").GetString().ShouldBe(business.Name);
        item.GetProperty("type").GetString().ShouldBe(business.Type);
        item.GetProperty("role").GetString().ShouldBe(business.Role);
        item.GetProperty("registeredCapitalWan").GetDecimal().ShouldBe(business.RegisteredCapitalWan);
        item.GetProperty("status").GetString().ShouldBe("deregistered");
        item.GetProperty("established").GetString().ShouldBe(business.Established.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        item.GetProperty("deregistered").GetString().ShouldBe(business.Deregistered!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Pages_split_the_entities_and_together_hold_all_of_them()
    {
        var person = sandbox.FindPerson(p => p.Businesses.Count >= 2, Today());

        using var first = await Json(await SendAsync(HttpMethod.Get, EntitiesTarget(person.IdNumber, 1, 1)));
        using var second = await Json(await SendAsync(HttpMethod.Get, EntitiesTarget(person.IdNumber, 2, 1)));
        using var beyond = await Json(await SendAsync(HttpMethod.Get, EntitiesTarget(person.IdNumber, person.Businesses.Count + 1, 1)));

        foreach (var page in new[] { first, second, beyond })
        {
            page.RootElement.GetProperty("total").GetInt32().ShouldBe(person.Businesses.Count);
            page.RootElement.GetProperty("pageSize").GetInt32().ShouldBe(1);
        }

        second.RootElement.GetProperty("page").GetInt32().ShouldBe(2);
        CreditCodes(first).Concat(CreditCodes(second)).ShouldBe(person.Businesses.Take(2).Select(b => b.CreditCode));
        CreditCodes(beyond).ShouldBeEmpty();
    }

    [Fact]
    public async Task Batch_answers_every_id_once_with_all_entities_unpaged()
    {
        var members = sandbox.Population.Households().Take(150).SelectMany(h => h.Members).Take(199).Select(m => m.IdNumber).ToList();
        var today = Today();
        var withEntities = members.Count(id => sandbox.Population.Describe(id, today).Businesses.Count > 0);
        withEntities.ShouldBeInRange(1, members.Count - 1);

        using var json = await Json(await SendAsync(HttpMethod.Post, BatchTarget, IdsBody([.. members, members[0]])));

        Names(json.RootElement).ShouldBe(["results"]);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("idNumber").GetString()).ShouldBe(members);
        Names(results[0]).ShouldBe(["idNumber", "items"]);
        foreach (var result in results)
        {
            var expected = sandbox.Population.Describe(result.GetProperty("idNumber").GetString()!, today).Businesses;
            result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).ShouldBe(expected.Select(b => b.CreditCode));
        }
    }

    [Fact]
    public async Task Batch_of_201_is_400_TOO_MANY_IDS_and_a_malformed_number_is_400()
    {
        var ids = sandbox.Population.Households().SelectMany(h => h.Members).Take(201).Select(m => m.IdNumber).ToArray();

        var tooMany = await SendAsync(HttpMethod.Post, BatchTarget, IdsBody(ids));
        var malformed = await SendAsync(HttpMethod.Post, BatchTarget, IdsBody(ids[0], "220105198003150013"));

        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(tooMany)).ShouldBe("TOO_MANY_IDS");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(malformed)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Fact]
    public async Task The_signature_fault_refuses_correctly_signed_requests_until_lifted()
    {
        var target = EntitiesTarget(AnyPerson().IdNumber);
        try
        {
            Faults.RejectSignatures = true;
            var refused = await SendAsync(HttpMethod.Get, target);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await Code(refused)).ShouldBe("INVALID_SIGNATURE");
        }
        finally
        {
            Faults.Clear();
        }

        (await SendAsync(HttpMethod.Get, target)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_clock_skew_fault_moves_the_agency_clock_the_timestamps_are_checked_against()
    {
        var target = EntitiesTarget(AnyPerson().IdNumber);
        try
        {
            Faults.ClockSkew = TimeSpan.FromMinutes(10);
            var now = await SendAsync(HttpMethod.Get, target);
            var agencyNow = await SendAsync(HttpMethod.Get, target, at: DateTimeOffset.UtcNow.AddMinutes(10));

            now.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await Code(now)).ShouldBe("TIMESTAMP_OUT_OF_RANGE");
            agencyNow.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            Faults.Clear();
        }
    }

    [Fact]
    public async Task Generic_faults_come_before_the_signature_check()
    {
        try
        {
            sandbox.Server.Faults.For(AgencyCodes.BusinessRegistry).Outage = true;
            using var unsigned = new HttpRequestMessage(HttpMethod.Get, EntitiesTarget(AnyPerson().IdNumber));

            (await _client.SendAsync(unsigned)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            sandbox.Server.Faults.For(AgencyCodes.BusinessRegistry).Clear();
        }
    }

    public void Dispose() => _client.Dispose();

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string EntitiesTarget(string idNumber, int page = 1, int pageSize = 20) =>
        $"/samr/v1/entities?idNumber={idNumber}&page={page}&pageSize={pageSize}";

    private static string IdsBody(params string[] ids) => JsonSerializer.Serialize(new { idNumbers = ids });

    private static IEnumerable<string?> CreditCodes(JsonDocument page) =>
        page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).ToList();

    private Population.SyntheticPerson AnyPerson() => sandbox.FindPerson(p => p.Businesses.Count > 0, Today());

    /// <summary>Signs as the specification says, with the sandbox's hub credentials unless told otherwise.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string target,
        string? body = null,
        DateTimeOffset? at = null,
        string? secret = null,
        string? appId = null,
        string? signedTarget = null,
        string? signedBody = null,
        bool hashBody = true)
    {
        using var request = new HttpRequestMessage(method, target);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = $"{appId ?? _appId}\n{timestamp}\n{signedTarget ?? target}";
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            if (hashBody)
            {
                signed += "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signedBody ?? body)));
            }
        }

        request.Headers.Add("X-App-Id", appId ?? _appId);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add(
            "X-Signature",
            Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? _secret), Encoding.UTF8.GetBytes(signed))));
        return await _client.SendAsync(request);
    }
}
