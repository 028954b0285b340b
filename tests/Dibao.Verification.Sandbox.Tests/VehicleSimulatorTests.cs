using System.Globalization;
using System.Net;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Vehicle;
using Microsoft.Extensions.Configuration;
using static Dibao.Verification.Sandbox.Tests.SocialSecuritySimulatorTests;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class VehicleSimulatorTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly string[] VehicleFields = ["hphm", "hpzl", "cllx", "syxz", "zt", "ccdjrq", "clpp", "cjrzyc"];

    private readonly HttpClient _client = sandbox.Client(AgencyCodes.Vehicle);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public void The_hub_settings_point_the_adapter_at_the_simulator_with_the_key()
    {
        var settings = sandbox.Server.HubSettings();

        settings["Agencies:Vehicle:BaseUrl"].ShouldBe(sandbox.Server.BaseUrl(AgencyCodes.Vehicle).ToString());
        settings["Agencies:Vehicle:ApiKey"].ShouldBe(sandbox.Server.ApiKey(AgencyCodes.Vehicle));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Missing_or_wrong_key_is_401(string? key)
    {
        using var client = new HttpClient { BaseAddress = sandbox.Server.BaseUrl(AgencyCodes.Vehicle) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var id = sandbox.Population.Household(0).Members[0].IdNumber;
        (await client.GetAsync($"vehicle/v1/query?sfzmhm={id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsync("vehicle/v1/batch-query", Body(new { sfzmhmList = new[] { id } }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("vehicle/v1/query?sfzmhm=220105198003150013")]
    [InlineData("vehicle/v1/query?sfzmhm=22010519800315001")]
    [InlineData("vehicle/v1/query?sfzmhm=abc")]
    [InlineData("vehicle/v1/query?sfzmhm=11010519491231002x")]
    [InlineData("vehicle/v1/query")]
    public async Task Malformed_or_missing_number_is_E1001_inside_a_200(string path)
    {
        using var json = await Json(await _client.GetAsync(path));

        json.RootElement.GetRawText().ShouldBe("""{"code":"E1001","msg":"身份证明号码格式错误","data":null}""");
    }

    [Fact]
    public async Task Person_without_vehicles_gets_code_0_and_an_empty_list()
    {
        var person = sandbox.FindPerson(p => p.Vehicles.Count == 0, Today);

        using var json = await Json(await _client.GetAsync($"vehicle/v1/query?sfzmhm={person.IdNumber}"));

        json.RootElement.GetRawText().ShouldBe("""{"code":"0","msg":"ok","data":[]}""");
    }

    [Fact]
    public async Task Vehicle_has_the_documented_pinyin_fields_and_values()
    {
        var person = sandbox.FindPerson(p => p.Vehicles.Count > 0, Today);
        var expected = person.Vehicles[0];

        using var json = await Json(await _client.GetAsync($"vehicle/v1/query?sfzmhm={person.IdNumber}"));

        Names(json.RootElement).ShouldBe(["code", "msg", "data"]);
        json.RootElement.GetProperty("code").GetString().ShouldBe("0");
        var vehicles = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        vehicles.Count.ShouldBe(person.Vehicles.Count);
        var vehicle = vehicles[0];
        Names(vehicle).ShouldBe(VehicleFields);
        VehicleFields.ShouldAllBe(f => vehicle.GetProperty(f).ValueKind == JsonValueKind.String);
        vehicle.GetProperty("hphm").GetString().ShouldBe(expected.Hphm);
        vehicle.GetProperty("hpzl").GetString().ShouldBe(expected.Hpzl);
        vehicle.GetProperty("cllx").GetString().ShouldBe(expected.Cllx);
        vehicle.GetProperty("syxz").GetString().ShouldBe(expected.Syxz);
        vehicle.GetProperty("zt").GetString().ShouldBe(expected.Zt);
        vehicle.GetProperty("ccdjrq").GetString().ShouldBe(expected.Ccdjrq.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        vehicle.GetProperty("clpp").GetString().ShouldBe(expected.Clpp);
        vehicle.GetProperty("cjrzyc").GetString().ShouldBe(expected.Cjrzyc);
    }

    [Fact]
    public async Task Chinese_text_is_sent_as_utf8_not_escaped()
    {
        var person = sandbox.FindPerson(p => p.Vehicles.Count > 0, Today);

        var raw = await (await _client.GetAsync($"vehicle/v1/query?sfzmhm={person.IdNumber}")).Content.ReadAsStringAsync();

        raw.ShouldContain(person.Vehicles[0].Hphm);
        raw.ShouldNotContain("\\u");
    }

    [Fact]
    public async Task Vehicles_no_longer_held_are_listed_with_their_status()
    {
        var person = sandbox.FindPerson(p => p.Vehicles.Any(v => v.Zt is "B" or "E"), Today);

        using var json = await Json(await _client.GetAsync($"vehicle/v1/query?sfzmhm={person.IdNumber}"));

        json.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("zt").GetString())
            .ShouldBe(person.Vehicles.Select(v => v.Zt));
    }

    [Fact]
    public void The_population_has_every_case_the_policy_tells_apart()
    {
        var vehicles = sandbox.Population.Households().Take(3000).SelectMany(h => h.Members)
            .SelectMany(m => sandbox.Population.Describe(m.IdNumber, Today).Vehicles).ToList();

        vehicles.Select(v => v.Zt).Distinct().Order().ShouldBe(["A", "B", "E", "G"]);
        vehicles.Select(v => v.Cllx[0]).Distinct().Order().ShouldBe(['H', 'K', 'M', 'N', 'Q']);
        vehicles.ShouldContain(v => v.Cjrzyc == "1");
        vehicles.ShouldContain(v => v.Syxz == "D");
    }

    [Fact]
    public async Task Batch_answers_every_number_once_including_those_without_vehicles()
    {
        var ids = sandbox.Population.Households().SelectMany(h => h.Members).Take(200).Select(m => m.IdNumber).ToList();
        var asked = ids.Concat(ids.Take(10)).Take(200).ToArray();

        var response = await _client.PostAsync("vehicle/v1/batch-query", Body(new { sfzmhmList = asked }));

        using var json = await Json(response);
        Names(json.RootElement).ShouldBe(["code", "msg", "data"]);
        json.RootElement.GetProperty("code").GetString().ShouldBe("0");
        var results = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("sfzmhm").GetString()).ShouldBe(asked.Distinct());
        Names(results[0]).ShouldBe(["sfzmhm", "vehicles"]);
        results.ShouldContain(r => r.GetProperty("vehicles").GetArrayLength() == 0);
        var withVehicles = results.First(r => r.GetProperty("vehicles").GetArrayLength() > 0);
        var expected = sandbox.Population.Describe(withVehicles.GetProperty("sfzmhm").GetString()!, Today);
        withVehicles.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("hphm").GetString()).ShouldBe(expected.Vehicles.Select(v => v.Hphm));
        Names(withVehicles.GetProperty("vehicles")[0]).ShouldBe(VehicleFields);
    }

    [Fact]
    public async Task Batch_with_a_malformed_number_is_E1001_inside_a_200()
    {
        var id = sandbox.Population.Household(0).Members[0].IdNumber;

        using var json = await Json(await _client.PostAsync("vehicle/v1/batch-query", Body(new { sfzmhmList = new[] { id, "220105198003150013" } })));

        json.RootElement.GetRawText().ShouldBe("""{"code":"E1001","msg":"身份证明号码格式错误","data":null}""");
    }

    [Fact]
    public async Task Batch_of_201_is_refused_and_200_is_fine()
    {
        var ids = sandbox.Population.Households().SelectMany(h => h.Members).Take(201).Select(m => m.IdNumber).ToArray();

        var tooMany = await _client.PostAsync("vehicle/v1/batch-query", Body(new { sfzmhmList = ids }));
        var limit = await _client.PostAsync("vehicle/v1/batch-query", Body(new { sfzmhmList = ids[..200] }));

        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(tooMany)).ShouldBe("TOO_MANY_IDS");
        using var json = await Json(limit);
        json.RootElement.GetProperty("data").GetArrayLength().ShouldBe(200);
    }

    [Fact]
    public async Task Busy_codes_are_off_by_default_and_come_at_the_configured_rate_as_200_bodies()
    {
        var faults = sandbox.Server.Faults.For(AgencyCodes.Vehicle);
        var id = sandbox.Population.Household(0).Members[0].IdNumber;
        faults.AgencyErrorRate.ShouldBe(0);
        try
        {
            (await Codes(id, 30)).ShouldAllBe(c => c == VehicleSimulator.Success);

            faults.AgencyErrorRate = 1;
            var busy = await Codes(id, 40);
            busy.Distinct().Order().ShouldBe([VehicleSimulator.Busy, VehicleSimulator.InternalError]);

            faults.AgencyErrorRate = 0.3;
            (await Codes(id, 200)).Count(c => c != VehicleSimulator.Success).ShouldBeInRange(30, 90);
        }
        finally
        {
            faults.Clear();
        }
    }

    [Fact]
    public async Task A_busy_answer_has_the_documented_envelope_and_applies_to_the_batch_too()
    {
        var faults = sandbox.Server.Faults.For(AgencyCodes.Vehicle);
        var id = sandbox.Population.Household(0).Members[0].IdNumber;
        faults.AgencyErrorRate = 1;
        try
        {
            using var json = await Json(await _client.PostAsync("vehicle/v1/batch-query", Body(new { sfzmhmList = new[] { id } })));

            Names(json.RootElement).ShouldBe(["code", "msg", "data"]);
            json.RootElement.GetProperty("code").GetString().ShouldBeOneOf(VehicleSimulator.Busy, VehicleSimulator.InternalError);
            json.RootElement.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        finally
        {
            faults.Clear();
        }
    }

    [Fact]
    public async Task The_key_is_checked_before_any_busy_answer()
    {
        var faults = sandbox.Server.Faults.For(AgencyCodes.Vehicle);
        faults.AgencyErrorRate = 1;
        try
        {
            using var client = new HttpClient { BaseAddress = sandbox.Server.BaseUrl(AgencyCodes.Vehicle) };
            (await client.GetAsync($"vehicle/v1/query?sfzmhm={sandbox.Population.Household(0).Members[0].IdNumber}"))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            faults.Clear();
        }
    }

    [Fact]
    public async Task The_generic_faults_apply_to_the_administration_as_well()
    {
        var faults = sandbox.Server.Faults.For(AgencyCodes.Vehicle);
        faults.Outage = true;
        try
        {
            (await _client.GetAsync($"vehicle/v1/query?sfzmhm={sandbox.Population.Household(0).Members[0].IdNumber}"))
                .StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            faults.Clear();
        }
    }

    [Fact]
    public async Task The_busy_rate_binds_from_configuration_and_the_same_seed_gives_the_same_sequence()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Faults:vehicle:AgencyErrorRate"] = "0.5",
        }).Build();
        var options = SandboxOptions.Bind(configuration);
        options.Faults["vehicle"].AgencyErrorRate.ShouldBe(0.5);

        await using var first = await SandboxServer.StartAsync(options, CancellationToken.None);
        await using var second = await SandboxServer.StartAsync(options, CancellationToken.None);
        first.Faults.For(AgencyCodes.Vehicle).AgencyErrorRate.ShouldBe(0.5);
        var id = first.Population.Household(0).Members[0].IdNumber;

        var a = await Codes(first, id, 30);
        var b = await Codes(second, id, 30);

        b.ShouldBe(a);
        a.ShouldContain(VehicleSimulator.Success);
        a.ShouldContain(c => c != VehicleSimulator.Success);
    }

    private Task<List<string>> Codes(string id, int count) => Codes(sandbox.Server, id, count);

    private static async Task<List<string>> Codes(SandboxServer server, string id, int count)
    {
        using var client = new HttpClient { BaseAddress = server.BaseUrl(AgencyCodes.Vehicle) };
        client.DefaultRequestHeaders.Add("X-Api-Key", server.ApiKey(AgencyCodes.Vehicle));
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var json = await Json(await client.GetAsync($"vehicle/v1/query?sfzmhm={id}"));
            codes.Add(json.RootElement.GetProperty("code").GetString()!);
        }

        return codes;
    }
}
