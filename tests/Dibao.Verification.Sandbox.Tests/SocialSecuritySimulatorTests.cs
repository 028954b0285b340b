using System.Net;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class SocialSecuritySimulatorTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string AsOfQuery = "?asOf=2026-11-01";
    private readonly HttpClient _client = sandbox.Client(AgencyCodes.SocialSecurity);

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Missing_or_wrong_key_is_401(string? key)
    {
        using var client = new HttpClient { BaseAddress = sandbox.Server.BaseUrl(AgencyCodes.SocialSecurity) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var person = sandbox.FindPerson(p => p.HasSocialInsuranceRecords);
        (await client.GetAsync($"api/v1/insured-persons/{person.IdNumber}{AsOfQuery}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsync("api/v1/insured-persons:batch-query", Body(new { asOf = "2026-11-01", idNumbers = new[] { person.IdNumber } })))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("220105198003150013")]
    [InlineData("22010519800315001")]
    [InlineData("22010519801315001X")]
    [InlineData("11010519491231002x")]
    [InlineData(" 220105198003150012")]
    public async Task Malformed_number_is_400(string idNumber)
    {
        var response = await _client.GetAsync($"api/v1/insured-persons/{idNumber}{AsOfQuery}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Fact]
    public async Task Person_without_records_is_404_PERSON_NOT_FOUND()
    {
        var person = sandbox.FindPerson(p => !p.HasSocialInsuranceRecords);

        var response = await _client.GetAsync($"api/v1/insured-persons/{person.IdNumber}{AsOfQuery}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Code(response)).ShouldBe("PERSON_NOT_FOUND");
    }

    [Fact]
    public async Task Pensioner_has_the_documented_shape()
    {
        var person = sandbox.FindPerson(p => p.Profile == SyntheticProfile.EnterprisePensioner && p.Employments.Count > 0);

        using var json = await Json(await _client.GetAsync($"api/v1/insured-persons/{person.IdNumber}{AsOfQuery}"));
        var root = json.RootElement;

        Names(root).ShouldBe(["idNumber", "name", "pensions", "employment", "unemploymentBenefit"]);
        root.GetProperty("idNumber").GetString().ShouldBe(person.IdNumber);
        root.GetProperty("name").GetString().ShouldBe(person.Name);
        root.GetProperty("unemploymentBenefit").ValueKind.ShouldBe(JsonValueKind.Null);
        var pension = root.GetProperty("pensions").EnumerateArray().ShouldHaveSingleItem();
        Names(pension).ShouldBe(["scheme", "monthlyAmount", "since", "status"]);
        pension.GetProperty("scheme").GetString().ShouldBe("enterprise-employee");
        pension.GetProperty("monthlyAmount").GetRawText().ShouldMatch(@"^\d+\.\d{2}$");
        pension.GetProperty("monthlyAmount").GetDecimal().ShouldBe(person.Pensions[0].MonthlyAmount);
        pension.GetProperty("since").GetString().ShouldBe(person.Pensions[0].Since.ToString("yyyy-MM-dd"));
        pension.GetProperty("status").GetString().ShouldBeOneOf("paying", "suspended", "terminated");
        var job = root.GetProperty("employment").EnumerateArray().ShouldHaveSingleItem();
        job.GetProperty("to").GetString()!.ShouldMatch(@"^\d{4}-\d{2}$");
    }

    [Fact]
    public async Task Wage_earner_has_open_employment_with_two_decimal_base()
    {
        var person = sandbox.FindPerson(p => p.Profile == SyntheticProfile.WageEarner);

        using var json = await Json(await _client.GetAsync($"api/v1/insured-persons/{person.IdNumber}{AsOfQuery}"));

        var job = json.RootElement.GetProperty("employment").EnumerateArray().Last();
        Names(job).ShouldBe(["employerName", "employerCreditCode", "contributionBase", "from", "to"]);
        job.GetProperty("to").ValueKind.ShouldBe(JsonValueKind.Null);
        job.GetProperty("from").GetString()!.ShouldMatch(@"^\d{4}-\d{2}$");
        job.GetProperty("contributionBase").GetRawText().ShouldMatch(@"^\d+\.\d{2}$");
        job.GetProperty("employerCreditCode").GetString()!.Length.ShouldBe(18);
        json.RootElement.GetProperty("pensions").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Unemployed_person_has_the_benefit_object()
    {
        var person = sandbox.FindPerson(p => p.UnemploymentBenefit is not null);

        using var json = await Json(await _client.GetAsync($"api/v1/insured-persons/{person.IdNumber}{AsOfQuery}"));

        var benefit = json.RootElement.GetProperty("unemploymentBenefit");
        Names(benefit).ShouldBe(["monthlyAmount", "from", "to"]);
        benefit.GetProperty("monthlyAmount").GetRawText().ShouldMatch(@"^\d+\.\d{2}$");
        benefit.GetProperty("to").GetString().ShouldBe(person.UnemploymentBenefit!.To.ToString("yyyy-MM"));
    }

    [Fact]
    public async Task Answers_are_as_of_the_requested_date()
    {
        var person = sandbox.FindPerson(p => p.Profile == SyntheticProfile.WageEarner);
        var earlier = sandbox.Population.Describe(person.IdNumber, new DateOnly(2026, 1, 15));

        using var json = await Json(await _client.GetAsync($"api/v1/insured-persons/{person.IdNumber}?asOf=2026-01-15"));

        json.RootElement.GetProperty("employment").EnumerateArray().Last().GetProperty("from").GetString()
            .ShouldBe(earlier.Employments[^1].From.ToString("yyyy-MM"));
    }

    [Fact]
    public async Task Batch_returns_persons_with_records_and_leaves_out_the_others()
    {
        var members = sandbox.Population.Households().Take(300).SelectMany(h => h.Members).Take(400).ToList();
        var expected = members.Where(m => sandbox.Population.Describe(m.IdNumber, SandboxFixture.AsOf).HasSocialInsuranceRecords)
            .Select(m => m.IdNumber).ToList();
        expected.Count.ShouldBeLessThan(members.Count);

        var response = await _client.PostAsync("api/v1/insured-persons:batch-query",
            Body(new { asOf = "2026-11-01", idNumbers = members.Select(m => m.IdNumber).ToArray() }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = await Json(response);
        Names(json.RootElement).ShouldBe(["persons"]);
        var persons = json.RootElement.GetProperty("persons").EnumerateArray().ToList();
        persons.Select(p => p.GetProperty("idNumber").GetString()).ShouldBe(expected);
        Names(persons[0]).ShouldBe(["idNumber", "name", "pensions", "employment", "unemploymentBenefit"]);
    }

    [Fact]
    public async Task Batch_of_1001_is_400_TOO_MANY_IDS_and_1000_is_fine()
    {
        var ids = sandbox.Population.Households().SelectMany(h => h.Members).Take(1001).Select(m => m.IdNumber).ToArray();

        var tooMany = await _client.PostAsync("api/v1/insured-persons:batch-query", Body(new { asOf = "2026-11-01", idNumbers = ids }));
        var limit = await _client.PostAsync("api/v1/insured-persons:batch-query", Body(new { asOf = "2026-11-01", idNumbers = ids[..1000] }));

        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(tooMany)).ShouldBe("TOO_MANY_IDS");
        limit.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("220105198003150013")]
    [InlineData("11010519491231002x")]
    public async Task Batch_with_a_malformed_number_is_400(string idNumber)
    {
        var response = await _client.PostAsync("api/v1/insured-persons:batch-query",
            Body(new { asOf = "2026-11-01", idNumbers = new[] { idNumber } }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(response)).ShouldBe("INVALID_ID_NUMBER");
    }

    [Fact]
    public async Task Requests_are_counted()
    {
        var before = sandbox.Server.RequestCount(AgencyCodes.SocialSecurity);
        var person = sandbox.FindPerson(p => p.HasSocialInsuranceRecords);

        await _client.GetAsync($"api/v1/insured-persons/{person.IdNumber}{AsOfQuery}");

        sandbox.Server.RequestCount(AgencyCodes.SocialSecurity).ShouldBeGreaterThan(before);
    }

    internal static StringContent Body(object value) => new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    internal static async Task<JsonDocument> Json(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    internal static async Task<string?> Code(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString();
    }

    internal static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
