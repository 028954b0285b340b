using System.Text.Json;
using Dibao.Verification.Adapters.BusinessRegistry;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.BusinessRegistry;

public sealed class BusinessRegistryAnswerTests : BusinessRegistryTestHost
{
    [Fact]
    public async Task A_person_with_entities_is_reported_over_the_bus_with_every_field_translated_and_capital_kept_in_wan()
    {
        var id = TestIds.Make(1);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet()
                .WithParam("idNumber", id).WithParam("page", "1").WithParam("pageSize", "50").WithHeader("X-App-Id", AppId))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(PageJson(3, 1, 50,
                EntityJson(),
                EntityJson("91220101MA14ABCD1X", "吉林省某某商贸有限公司", "company", "legal-representative", "500", "deregistered", "\"2015-06-01\"", "\"2024-02-29\""),
                EntityJson("93220183MA15WXYZ3K", "德惠市某某玉米专业合作社", "farmer-cooperative", "shareholder", "12.5", "revoked", "null"))));
        var question = Question(BusinessRegistryAdapter.Code, id);

        var report = await AskOverBusAsync(question);

        report.QueryId.ShouldBe(question.QueryId);
        report.Agency.ShouldBe("business-registry");
        report.Attempts.ShouldBe(1);
        var finding = report.Findings.ShouldHaveSingleItem();
        finding.IdNumber.ShouldBe(id);
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.RefusalCode.ShouldBeNull();
        finding.Facts.Businesses.ShouldBe(
        [
            new BusinessFact("92220105MA17XXXX2Q", "朝阳区建国小吃店", BusinessType.IndividualBusiness, BusinessRole.Operator, 3.0m,
                BusinessStatus.Active, new DateOnly(2021, 4, 12), null),
            new BusinessFact("91220101MA14ABCD1X", "吉林省某某商贸有限公司", BusinessType.Company, BusinessRole.LegalRepresentative, 500m,
                BusinessStatus.Deregistered, new DateOnly(2015, 6, 1), new DateOnly(2024, 2, 29)),
            new BusinessFact("93220183MA15WXYZ3K", "德惠市某某玉米专业合作社", BusinessType.FarmerCooperative, BusinessRole.Shareholder, 12.5m,
                BusinessStatus.Revoked, null, null),
        ]);
        finding.Facts.Pensions.ShouldBeEmpty();
        finding.Facts.HousingFundAccounts.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_single_query_asks_for_the_largest_page_with_a_signed_request_and_no_api_key()
    {
        var id = TestIds.Make(2);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(0, 1, 50)));

        await FindAsync(id);

        var request = Server.LogEntries.ShouldHaveSingleItem().RequestMessage;
        request.Method.ShouldBe("GET");
        Target(request).ShouldBe($"/samr/v1/entities?idNumber={id}&page=1&pageSize=50");
        ShouldBeSignedPerSpecification(request);
        Timestamp(request).ShouldBeInRange(Clock.GetUtcNow().ToUnixTimeSeconds() - 60, Clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task No_entities_is_no_records_over_the_bus()
    {
        var id = TestIds.Make(3);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"total":0,"page":1,"pageSize":20,"items":[]}"""));

        var report = await AskOverBusAsync(Question(BusinessRegistryAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.NoRecords);
        finding.IdNumber.ShouldBe(id);
        finding.Facts.Businesses.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_page_is_read_until_the_total_is_seen_each_page_signed_for_its_own_target()
    {
        var id = TestIds.Make(4);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(5, 1, 2, EntityJson("C1"), EntityJson("C2"))));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(5, 2, 2, EntityJson("C3"), EntityJson("C4"))));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "3"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(5, 3, 2, EntityJson("C5"))));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Facts.Businesses.Select(b => b.CreditCode).ShouldBe(["C1", "C2", "C3", "C4", "C5"]);
        attempts.ShouldBe(3);
        var requests = Server.LogEntries.Select(e => e.RequestMessage).ToList();
        requests.Select(Target).ShouldBe(
        [
            $"/samr/v1/entities?idNumber={id}&page=1&pageSize=50",
            $"/samr/v1/entities?idNumber={id}&page=2&pageSize=50",
            $"/samr/v1/entities?idNumber={id}&page=3&pageSize=50",
        ]);
        requests.ForEach(ShouldBeSignedPerSpecification);
    }

    [Fact]
    public async Task A_page_without_items_before_the_total_is_seen_is_rejected_rather_than_read_as_complete()
    {
        var id = TestIds.Make(5);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(3, 1, 2, EntityJson("C1"), EntityJson("C2"))));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(3, 2, 2)));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task More_items_than_the_total_are_rejected()
    {
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(1, 1, 50, EntityJson("C1"), EntityJson("C2"))));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(6)));
    }

    [Fact]
    public async Task A_page_other_than_the_one_asked_for_is_rejected()
    {
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(3, 1, 2, EntityJson("C1"), EntityJson("C2"))));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(3, 1, 2, EntityJson("C1"), EntityJson("C2"))));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(7)));
    }

    [Fact]
    public async Task A_total_that_changes_between_pages_makes_the_agency_unavailable_for_now_so_the_whole_list_is_read_again_later()
    {
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(3, 1, 2, EntityJson("C1"), EntityJson("C2"))));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(4, 2, 2, EntityJson("C3"), EntityJson("C4"))));

        await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(TestIds.Make(8)));
    }

    [Theory]
    [InlineData("""{"code":"INVALID_ID_NUMBER"}""", "INVALID_ID_NUMBER")]
    [InlineData("", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":"ID_220105198003150012"}""", RefusalCodes.MalformedIdNumber)]
    public async Task A_person_refused_by_the_administration_is_refused_under_its_own_code_and_not_retried(string body, string code)
    {
        var id = TestIds.Make(9);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody(body));

        var (findings, attempts) = await FindAsync(id);

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Refused);
        finding.RefusalCode.ShouldBe(code);
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_404_is_not_taken_for_no_entities()
    {
        var id = TestIds.Make(10);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(404).WithBody("<html>Not Found</html>"));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Several_persons_use_the_signed_batch_query_and_each_gets_its_own_finding()
    {
        var ids = TestIds.Many(3);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost().WithHeader("X-App-Id", AppId))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(BatchJson(
                ResultJson(ids[2]),
                ResultJson(ids[0], EntityJson("C1"), EntityJson("C2", type: "company", role: "shareholder", capital: "100")),
                ResultJson(ids[1]))));

        var report = await AskOverBusAsync(Question(BusinessRegistryAdapter.Code, ids));

        report.Findings.Select(f => (f.IdNumber, f.Kind, f.Facts.Businesses.Count)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, 2),
            (ids[1], FindingKind.NoRecords, 0),
            (ids[2], FindingKind.NoRecords, 0),
        ]);
        report.Findings[0].Facts.Businesses[1].ShouldBe(new BusinessFact(
            "C2", "朝阳区建国小吃店", BusinessType.Company, BusinessRole.Shareholder, 100m, BusinessStatus.Active, new DateOnly(2021, 4, 12), null));
        var request = Server.LogEntries.ShouldHaveSingleItem().RequestMessage;
        Target(request).ShouldBe(BatchPath);
        ShouldBeSignedPerSpecification(request);
        using var body = JsonDocument.Parse(request.BodyAsBytes!);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["idNumbers"]);
        body.RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task Numbers_of_the_wrong_shape_are_refused_without_asking()
    {
        var ids = TestIds.Many(2);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(BatchJson(ResultJson(ids[0]), ResultJson(ids[1]))));

        var (findings, _) = await FindAsync(ids[0], "22010519800315001", ids[1], "../../admin/x");

        findings.Select(f => f.Kind).ShouldBe([FindingKind.NoRecords, FindingKind.Refused, FindingKind.NoRecords, FindingKind.Refused]);
        findings[3].RefusalCode.ShouldBe(RefusalCodes.MalformedIdNumber);
        using var body = JsonDocument.Parse(Server.LogEntries.ShouldHaveSingleItem().RequestMessage.BodyAsBytes!);
        body.RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task More_than_two_hundred_persons_are_split_into_batches_of_at_most_two_hundred()
    {
        var ids = TestIds.Many(450);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(request =>
        {
            using var asked = JsonDocument.Parse(request.BodyAsBytes!);
            return BatchJson(asked.RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => ResultJson(e.GetString()!)).ToArray());
        }));

        var (findings, attempts) = await FindAsync(ids);

        findings.Count.ShouldBe(450);
        findings.ShouldAllBe(f => f.Kind == FindingKind.NoRecords);
        attempts.ShouldBe(3);
        var batches = Server.LogEntries
            .Select(e => JsonDocument.Parse(e.RequestMessage.BodyAsBytes!).RootElement.GetProperty("idNumbers").EnumerateArray().Select(i => i.GetString()!).ToList())
            .ToList();
        batches.Select(b => b.Count).OrderDescending().ShouldBe([200, 200, 50]);
        batches.SelectMany(b => b).Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_answer_leaving_a_person_out_is_rejected_not_read_as_no_entities()
    {
        var ids = TestIds.Many(2);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(BatchJson(ResultJson(ids[0]))));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(ids));
    }

    [Fact]
    public async Task A_batch_answer_about_someone_not_asked_or_twice_about_the_same_person_is_rejected()
    {
        var ids = TestIds.Many(2);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(BatchJson(ResultJson(ids[0]), ResultJson(ids[0]), ResultJson(TestIds.Make(99)))));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(ids));
    }

    [Fact]
    public async Task A_batch_refused_with_400_is_a_rejection_asked_once()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"TOO_MANY_IDS"}"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Many(2)));

        error.Message.ShouldContain("TOO_MANY_IDS");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("\"name\": \"朝阳区建国小吃店\", ", "")]
    [InlineData("\"朝阳区建国小吃店\"", "null")]
    [InlineData("\"朝阳区建国小吃店\"", "\"\"")]
    [InlineData("\"朝阳区建国小吃店\"", "\" \"")]
    public async Task An_entity_without_a_name_is_still_an_entity_with_the_name_unknown(string documented, string unstated)
    {
        // An individual business may trade without a name; type, role, capital and status are what count.
        var id = TestIds.Make(12);
        var body = PageJson(1, 1, 50, EntityJson());
        body.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body.Replace(documented, unstated, StringComparison.Ordinal)));

        var report = await AskOverBusAsync(Question(BusinessRegistryAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.Businesses.ShouldHaveSingleItem().ShouldBe(new BusinessFact(
            "92220105MA17XXXX2Q", null, BusinessType.IndividualBusiness, BusinessRole.Operator, 3.0m, BusinessStatus.Active, new DateOnly(2021, 4, 12), null));
    }

    [Theory]
    [InlineData("\"type\": \"individual-business\"", "\"type\": \"sole-trader\"")]
    [InlineData("\"role\": \"operator\"", "\"role\": \"supervisor\"")]
    [InlineData("\"status\": \"active\"", "\"status\": \"suspended\"")]
    [InlineData("\"established\": \"2021-04-12\"", "\"established\": \"2021/04/12\"")]
    [InlineData("\"registeredCapitalWan\": 3.0", "\"registeredCapitalWan\": -3.0")]
    [InlineData("\"creditCode\": ", "\"unifiedCode\": ")]
    [InlineData("\"total\": 1", "\"count\": 1")]
    public async Task Answers_the_adapter_cannot_read_are_rejected_rather_than_guessed(string documented, string unexpected)
    {
        var id = TestIds.Make(11);
        var body = PageJson(1, 1, 50, EntityJson());
        body.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body.Replace(documented, unexpected, StringComparison.Ordinal)));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("\"type\": \"individual-business\"", "\"type\": \"sole-trader\"")]
    [InlineData("\"role\": \"operator\"", "\"role\": \"supervisor\"")]
    [InlineData("\"status\": \"active\"", "\"status\": \"suspended\"")]
    [InlineData("\"registeredCapitalWan\": 3.0", "\"registeredCapitalWan\": -3.0")]
    public async Task A_value_the_adapter_cannot_read_in_one_persons_batch_answer_refuses_that_person_alone(string documented, string unexpected)
    {
        // An entity of a type, role or status the interface does not list may be one the person runs today: that person
        // is not "no entities", and nothing in it says anything about the others.
        var ids = TestIds.Many(3);
        EntityJson("C2").ShouldContain(documented);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(BatchJson(
                ResultJson(ids[0], EntityJson("C1")),
                ResultJson(ids[1], EntityJson("C1"), EntityJson("C2").Replace(documented, unexpected, StringComparison.Ordinal)),
                ResultJson(ids[2]))));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
            (ids[2], FindingKind.NoRecords, null),
        ]);
        findings[1].Facts.Businesses.ShouldBeEmpty();
        attempts.ShouldBe(1);
    }
}
