using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Vehicle;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;

namespace Dibao.Verification.Adapters.Tests.Vehicle;

public sealed class VehicleAnswerTests : VehicleTestHost
{
    [Fact]
    public async Task A_person_with_vehicles_is_reported_over_the_bus_with_every_field_translated()
    {
        var id = TestIds.Make(1);
        Server.Given(OneQuery(id).WithHeader("X-Api-Key", ApiKey)).RespondWith(Ok(SuccessJson(CarJson, MotorcycleJson)));
        var question = Question(VehicleAdapter.Code, id);

        var report = await AskOverBusAsync(question);

        report.QueryId.ShouldBe(question.QueryId);
        report.Agency.ShouldBe("vehicle");
        report.Attempts.ShouldBe(1);
        var finding = report.Findings.ShouldHaveSingleItem();
        finding.IdNumber.ShouldBe(id);
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.RefusalCode.ShouldBeNull();
        finding.Facts.Vehicles.ShouldBe(
        [
            new VehicleFact("吉A12345", VehicleCategory.PassengerCar, "K33", "A", VehicleRegistrationStatus.Normal, new DateOnly(2019, 6, 1), "大众", false),
            new VehicleFact("吉A8K2M7", VehicleCategory.Motorcycle, "M21", "A", VehicleRegistrationStatus.UnresolvedViolations, new DateOnly(2021, 3, 15), "豪爵", false),
        ]);
        finding.Facts.Pensions.ShouldBeEmpty();
        finding.Facts.HousingFundAccounts.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_single_query_sends_the_key_and_the_number_as_sfzmhm_and_no_date()
    {
        var id = TestIds.Make(2);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Ok(SuccessJson(CarJson)));

        await FindAsync(id);

        var request = Server.LogEntries.ShouldHaveSingleItem().RequestMessage;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe(SinglePath);
        request.Headers!["X-Api-Key"].ShouldBe(new[] { ApiKey });
        request.Query!.Keys.ShouldBe(["sfzmhm"]);
        request.Query["sfzmhm"].ShouldBe(new[] { id });
    }

    [Fact]
    public async Task An_empty_data_list_is_no_records()
    {
        var id = TestIds.Make(3);
        Server.Given(OneQuery(id)).RespondWith(Ok("""{"code":"0","msg":"ok","data":[]}"""));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().ShouldBe(PersonFindings.NoRecords(id), new FindingComparer());
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task E1001_on_the_single_query_refuses_that_person_without_asking_again()
    {
        var id = TestIds.Make(4);
        Server.Given(OneQuery(id)).RespondWith(Ok(MalformedJson));

        var report = await AskOverBusAsync(Question(VehicleAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.IdNumber.ShouldBe(id);
        finding.Kind.ShouldBe(FindingKind.Refused);
        finding.RefusalCode.ShouldBe(RefusalCodes.MalformedIdNumber);
        report.Attempts.ShouldBe(1);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("K33", VehicleCategory.PassengerCar)]
    [InlineData("H31", VehicleCategory.Truck)]
    [InlineData("M22", VehicleCategory.Motorcycle)]
    [InlineData("N11", VehicleCategory.ThreeWheeledOrLowSpeed)]
    [InlineData("Q11", VehicleCategory.TractorTrailer)]
    [InlineData("G11", VehicleCategory.Other)]
    public async Task The_first_letter_of_cllx_is_the_category_and_the_code_is_kept(string cllx, VehicleCategory category)
    {
        var id = TestIds.Make(5);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson(CarJson.Replace("\"K33\"", $"\"{cllx}\"", StringComparison.Ordinal))));

        var (findings, _) = await FindAsync(id);

        var vehicle = findings.ShouldHaveSingleItem().Facts.Vehicles.ShouldHaveSingleItem();
        vehicle.Category.ShouldBe(category);
        vehicle.TypeCode.ShouldBe(cllx);
    }

    [Theory]
    [InlineData("A", VehicleRegistrationStatus.Normal)]
    [InlineData("B", VehicleRegistrationStatus.TransferredOut)]
    [InlineData("E", VehicleRegistrationStatus.Deregistered)]
    [InlineData("G", VehicleRegistrationStatus.UnresolvedViolations)]
    public async Task Every_status_is_reported_including_vehicles_no_longer_held(string zt, VehicleRegistrationStatus status)
    {
        var id = TestIds.Make(6);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson(CarJson.Replace("\"zt\": \"A\"", $"\"zt\": \"{zt}\"", StringComparison.Ordinal))));

        var (findings, _) = await FindAsync(id);

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.Vehicles.ShouldHaveSingleItem().Status.ShouldBe(status);
    }

    [Fact]
    public async Task A_disabled_persons_adapted_taxi_keeps_its_flag_and_use_code()
    {
        var id = TestIds.Make(7);
        var adapted = CarJson.Replace("\"cjrzyc\": \"0\"", "\"cjrzyc\": \"1\"", StringComparison.Ordinal).Replace("\"syxz\": \"A\"", "\"syxz\": \"D\"", StringComparison.Ordinal);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson(adapted)));

        var (findings, _) = await FindAsync(id);

        var vehicle = findings.ShouldHaveSingleItem().Facts.Vehicles.ShouldHaveSingleItem();
        vehicle.DisabledPersonAdapted.ShouldBeTrue();
        vehicle.UseCode.ShouldBe("D");
    }

    [Fact]
    public async Task A_vehicle_without_registration_date_brand_or_plate_kind_is_still_read()
    {
        var id = TestIds.Make(8);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson("""{ "hphm": "吉A00001", "cllx": "K33", "syxz": "A", "zt": "A", "cjrzyc": "0", "ccdjrq": null }""")));

        var (findings, _) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Facts.Vehicles.ShouldHaveSingleItem().ShouldBe(
            new VehicleFact("吉A00001", VehicleCategory.PassengerCar, "K33", "A", VehicleRegistrationStatus.Normal, null, null, false));
    }

    [Theory]
    [InlineData("\"hphm\": \"吉A12345\", ", "", "hphm")]
    [InlineData("\"hphm\": \"吉A12345\"", "\"hphm\": null", "hphm")]
    [InlineData("\"hphm\": \"吉A12345\"", "\"hphm\": \"\"", "hphm")]
    [InlineData("\"hphm\": \"吉A12345\"", "\"hphm\": \" \"", "hphm")]
    [InlineData(", \"syxz\": \"A\"", "", "syxz")]
    [InlineData("\"syxz\": \"A\"", "\"syxz\": null", "syxz")]
    [InlineData("\"syxz\": \"A\"", "\"syxz\": \"\"", "syxz")]
    [InlineData("\"syxz\": \"A\"", "\"syxz\": \" \"", "syxz")]
    [InlineData("\"clpp\": \"大众\"", "\"clpp\": \" \"", "clpp")]
    public async Task A_vehicle_without_a_plate_number_use_or_brand_is_still_a_vehicle_with_that_field_unknown(string documented, string unstated, string field)
    {
        // Only the type, the status and the adapted mark decide anything: a car without its plate still disqualifies.
        var id = TestIds.Make(12);
        CarJson.ShouldContain(documented);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson(CarJson.Replace(documented, unstated, StringComparison.Ordinal))));

        var report = await AskOverBusAsync(Question(VehicleAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.Vehicles.ShouldHaveSingleItem().ShouldBe(new VehicleFact(
            field == "hphm" ? null : "吉A12345",
            VehicleCategory.PassengerCar,
            "K33",
            field == "syxz" ? null : "A",
            VehicleRegistrationStatus.Normal,
            new DateOnly(2019, 6, 1),
            field == "clpp" ? null : "大众",
            false));
    }

    [Fact]
    public async Task Several_persons_use_the_batch_query_with_every_number_answered()
    {
        var ids = TestIds.Many(3);
        Server.Given(BatchQuery().WithHeader("X-Api-Key", ApiKey))
            .RespondWith(Ok(BatchJson(ResultJson(ids[2]), ResultJson(ids[0], CarJson), ResultJson(ids[1], MotorcycleJson, CarJson))));

        var report = await AskOverBusAsync(Question(VehicleAdapter.Code, ids));

        report.Findings.Select(f => (f.IdNumber, f.Kind, f.Facts.Vehicles.Count)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, 1),
            (ids[1], FindingKind.RecordsFound, 2),
            (ids[2], FindingKind.NoRecords, 0),
        ]);
        report.Findings[1].Facts.Vehicles[0].PlateNumber.ShouldBe("吉A8K2M7");
        using var body = JsonDocument.Parse(Server.LogEntries.ShouldHaveSingleItem().RequestMessage.Body!);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["sfzmhmList"]);
        body.RootElement.GetProperty("sfzmhmList").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task A_batch_refused_with_E1001_is_asked_person_by_person_to_find_the_malformed_number()
    {
        var ids = TestIds.Many(3);
        Server.Given(BatchQuery()).RespondWith(Ok(MalformedJson));
        Server.Given(OneQuery(ids[0])).RespondWith(Ok(SuccessJson(CarJson)));
        Server.Given(OneQuery(ids[1])).RespondWith(Ok(MalformedJson));
        Server.Given(OneQuery(ids[2])).RespondWith(Ok("""{"code":"0","msg":"ok","data":[]}"""));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, (string?)null),
            (ids[1], FindingKind.Refused, RefusalCodes.MalformedIdNumber),
            (ids[2], FindingKind.NoRecords, null),
        ]);
        attempts.ShouldBe(4);
        Server.LogEntries.Count(e => e.RequestMessage.Path == BatchPath).ShouldBe(1);
    }

    [Fact]
    public async Task Numbers_of_the_wrong_shape_are_refused_without_asking()
    {
        var ids = TestIds.Many(2);
        Server.Given(BatchQuery()).RespondWith(Ok(BatchJson(ResultJson(ids[0]), ResultJson(ids[1]))));

        var (findings, _) = await FindAsync(ids[0], "22010519800315001", ids[1], "22010519800315001x");

        findings.Select(f => f.Kind).ShouldBe([FindingKind.NoRecords, FindingKind.Refused, FindingKind.NoRecords, FindingKind.Refused]);
        findings[1].RefusalCode.ShouldBe(RefusalCodes.MalformedIdNumber);
        using var body = JsonDocument.Parse(Server.LogEntries.ShouldHaveSingleItem().RequestMessage.Body!);
        body.RootElement.GetProperty("sfzmhmList").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task More_than_two_hundred_persons_are_split_into_batches_of_at_most_two_hundred()
    {
        var ids = TestIds.Many(450);
        Server.Given(BatchQuery()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(request =>
        {
            using var asked = JsonDocument.Parse(request.Body!);
            return BatchJson(asked.RootElement.GetProperty("sfzmhmList").EnumerateArray().Select(e => ResultJson(e.GetString()!)).ToArray());
        }));

        var (findings, attempts) = await FindAsync(ids);

        findings.Count.ShouldBe(450);
        findings.ShouldAllBe(f => f.Kind == FindingKind.NoRecords);
        attempts.ShouldBe(3);
        var batches = Server.LogEntries
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("sfzmhmList").EnumerateArray().Select(i => i.GetString()!).ToList())
            .ToList();
        batches.Select(b => b.Count).OrderDescending().ShouldBe([200, 200, 50]);
        batches.SelectMany(b => b).Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("stranger")]
    [InlineData("twice")]
    public async Task A_batch_answer_that_does_not_cover_each_number_once_is_rejected(string flaw)
    {
        var ids = TestIds.Many(2);
        var results = flaw switch
        {
            "missing" => [ResultJson(ids[0])],
            "stranger" => [ResultJson(ids[0]), ResultJson(ids[1]), ResultJson(TestIds.Make(99))],
            _ => new[] { ResultJson(ids[0]), ResultJson(ids[1]), ResultJson(ids[1], CarJson) },
        };
        Server.Given(BatchQuery()).RespondWith(Ok(BatchJson(results)));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(ids));

        error.Message.ShouldNotContain(ids[0]);
        error.Message.ShouldNotContain(ids[1]);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(", \"cjrzyc\": \"0\"")]
    [InlineData(", \"cjrzyc\": \"\"")]
    [InlineData(", \"cjrzyc\": null")]
    [InlineData("")]
    public async Task A_vehicle_not_marked_adapted_is_read_as_an_ordinary_one_however_the_agency_leaves_the_mark_out(string mark)
    {
        // The interface names only "1": what an ordinary vehicle carries is the agency's to choose.
        var id = TestIds.Make(11);
        var car = CarJson.Replace(", \"cjrzyc\": \"0\"", mark, StringComparison.Ordinal);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson(car)));

        var (findings, _) = await FindAsync(id);

        var vehicle = findings.ShouldHaveSingleItem().Facts.Vehicles.ShouldHaveSingleItem();
        vehicle.DisabledPersonAdapted.ShouldBeFalse();
        vehicle.Category.ShouldBe(VehicleCategory.PassengerCar);
    }

    [Theory]
    [InlineData("\"zt\": \"A\"", "\"zt\": \"X\"")]
    [InlineData("\"cjrzyc\": \"0\"", "\"cjrzyc\": \"2\"")]
    [InlineData("\"cjrzyc\": \"0\"", "\"cjrzyc\": 0")]
    [InlineData("\"cllx\": \"K33\"", "\"cllx\": \"\"")]
    [InlineData("\"cllx\": \"K33\"", "\"cllx\": \"k33\"")]
    [InlineData("\"ccdjrq\": \"2019-06-01\"", "\"ccdjrq\": \"20190601\"")]
    public async Task Vehicles_the_adapter_cannot_read_are_rejected_rather_than_guessed(string documented, string unexpected)
    {
        var id = TestIds.Make(9);
        CarJson.ShouldContain(documented);
        Server.Given(OneQuery(id)).RespondWith(Ok(SuccessJson(CarJson.Replace(documented, unexpected, StringComparison.Ordinal))));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{ "code": "E3001", "msg": "未知", "data": null }""")]
    [InlineData("""{ "code": "0", "msg": "ok", "data": null }""")]
    [InlineData("""{ "msg": "ok", "data": [] }""")]
    [InlineData("""{ "code": 0, "msg": "ok", "data": [] }""")]
    public async Task Envelopes_the_adapter_cannot_read_are_rejected_without_retry(string body)
    {
        var id = TestIds.Make(10);
        Server.Given(OneQuery(id)).RespondWith(Ok(body));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_code_on_the_batch_query_is_rejected_and_names_the_code()
    {
        Server.Given(BatchQuery()).RespondWith(Ok("""{ "code": "E4002", "msg": "?", "data": null }"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Many(2)));

        error.Message.ShouldContain("E4002");
        error.Code.ShouldBe("E4002");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("\"zt\": \"A\"", "\"zt\": \"X\"")]
    [InlineData("\"cjrzyc\": \"0\"", "\"cjrzyc\": \"2\"")]
    [InlineData("\"cllx\": \"K33\"", "\"cllx\": \"k33\"")]
    public async Task A_vehicle_the_adapter_cannot_read_in_one_persons_batch_answer_refuses_that_person_alone(string documented, string unexpected)
    {
        // A vehicle in a status the interface does not list may be one the person holds today: that person is not
        // "no vehicles", and nothing in it says anything about the others.
        var ids = TestIds.Many(3);
        CarJson.ShouldContain(documented);
        Server.Given(BatchQuery()).RespondWith(Ok(BatchJson(
            ResultJson(ids[0], CarJson),
            ResultJson(ids[1], MotorcycleJson, CarJson.Replace(documented, unexpected, StringComparison.Ordinal)),
            ResultJson(ids[2]))));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, (string?)null),
            (ids[1], FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
            (ids[2], FindingKind.NoRecords, null),
        ]);
        findings[1].Facts.Vehicles.ShouldBeEmpty();
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Asked_alone_after_E1001_a_vehicle_the_adapter_cannot_read_refuses_that_person_alone()
    {
        var ids = TestIds.Many(3);
        Server.Given(BatchQuery()).RespondWith(Ok(MalformedJson));
        Server.Given(OneQuery(ids[0])).RespondWith(Ok(SuccessJson(CarJson)));
        Server.Given(OneQuery(ids[1])).RespondWith(Ok(MalformedJson));
        Server.Given(OneQuery(ids[2])).RespondWith(Ok(SuccessJson(CarJson.Replace("\"zt\": \"A\"", "\"zt\": \"X\"", StringComparison.Ordinal))));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, (string?)null),
            (ids[1], FindingKind.Refused, RefusalCodes.MalformedIdNumber),
            (ids[2], FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
        ]);
        attempts.ShouldBe(4);
    }
}
