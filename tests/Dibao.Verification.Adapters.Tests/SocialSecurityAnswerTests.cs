using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests;

public sealed class SocialSecurityAnswerTests : SocialSecurityTestHost
{
    [Fact]
    public async Task A_person_with_records_is_reported_over_the_bus_with_every_fact_translated()
    {
        var id = TestIds.Make(1);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet().WithParam("asOf", "2026-11-01").WithHeader("X-Api-Key", ApiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(PersonJson(id)));
        var question = Question(SocialSecurityAdapter.Code, id);

        var report = await AskOverBusAsync(question);

        report.QueryId.ShouldBe(question.QueryId);
        report.Agency.ShouldBe("social-security");
        report.Attempts.ShouldBe(1);
        var finding = report.Findings.ShouldHaveSingleItem();
        finding.IdNumber.ShouldBe(id);
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.RefusalCode.ShouldBeNull();
        finding.Facts.Pensions.ShouldHaveSingleItem().ShouldBe(
            new PensionFact(PensionScheme.EnterpriseEmployee, 2350.50m, new DateOnly(2024, 3, 1), PensionStatus.Paying));
        finding.Facts.Employments.ShouldHaveSingleItem().ShouldBe(
            new EmploymentFact("长春某某机械有限公司", "91220101MA14XXXX1K", 4200.00m, new DateOnly(2023, 1, 1), null));
        finding.Facts.UnemploymentBenefits.ShouldHaveSingleItem().ShouldBe(
            new UnemploymentBenefitFact(1500.00m, new DateOnly(2026, 6, 1), new DateOnly(2026, 12, 1)));
        finding.Facts.HousingFundAccounts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=\"UTF8\"")]
    [InlineData("application/json; charset=no-such-charset")]
    public async Task An_answer_labelled_with_a_charset_the_runtime_does_not_know_is_read_as_utf8(string contentType)
    {
        var id = TestIds.Make(41);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(PersonJson(id)));

        var (findings, _) = await FindAsync(id);

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.Employments.ShouldHaveSingleItem().EmployerName.ShouldBe("长春某某机械有限公司");
    }

    [Fact]
    public async Task The_single_query_sends_the_api_key_and_the_as_of_date()
    {
        var id = TestIds.Make(2);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));

        await FindAsync(id);

        var request = Server.LogEntries.ShouldHaveSingleItem().RequestMessage;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe(SinglePath + id);
        request.Headers!["X-Api-Key"].ShouldBe(new[] { ApiKey });
        request.Query!["asOf"].ShouldBe(new[] { "2026-11-01" });
    }

    [Fact]
    public async Task An_answer_with_all_lists_empty_is_no_records()
    {
        var id = TestIds.Make(3);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{ "idNumber": "{{id}}", "name": "李四", "pensions": [], "employment": [], "unemploymentBenefit": null }"""));

        var (findings, _) = await FindAsync(id);

        findings.ShouldHaveSingleItem().ShouldBe(PersonFindings.NoRecords(id), new FindingComparer());
    }

    [Fact]
    public async Task Person_not_found_is_no_records_over_the_bus()
    {
        var id = TestIds.Make(4);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"code":"PERSON_NOT_FOUND"}"""));

        var report = await AskOverBusAsync(Question(SocialSecurityAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.NoRecords);
        finding.IdNumber.ShouldBe(id);
    }

    [Fact]
    public async Task A_404_without_the_documented_code_is_not_taken_for_no_records()
    {
        var id = TestIds.Make(5);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(404).WithBody("<html>Not Found</html>"));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
    }

    [Theory]
    [InlineData("""{"code":"MALFORMED_ID_NUMBER"}""", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":"PERSON_SEALED"}""", "PERSON_SEALED")]
    [InlineData("", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":"ID_220105198003150012"}""", RefusalCodes.MalformedIdNumber)]
    public async Task A_person_refused_by_the_bureau_is_refused_under_its_own_code_or_as_a_malformed_number(string body, string code)
    {
        var id = TestIds.Make(6);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody(body));

        var (findings, attempts) = await FindAsync(id);

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Refused);
        finding.RefusalCode.ShouldBe(code);
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Several_persons_use_the_batch_query_and_absent_ones_are_no_records()
    {
        var ids = TestIds.Many(3);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost().WithHeader("X-Api-Key", ApiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{ "persons": [ {{PersonJson(ids[1])}} ] }"""));

        var report = await AskOverBusAsync(Question(SocialSecurityAdapter.Code, ids));

        report.Findings.Select(f => (f.IdNumber, f.Kind)).ShouldBe(
        [
            (ids[0], FindingKind.NoRecords),
            (ids[1], FindingKind.RecordsFound),
            (ids[2], FindingKind.NoRecords),
        ]);
        using var body = JsonDocument.Parse(Server.LogEntries.ShouldHaveSingleItem().RequestMessage.Body!);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["asOf", "idNumbers"]);
        body.RootElement.GetProperty("asOf").GetString().ShouldBe("2026-11-01");
        body.RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task Numbers_of_the_wrong_shape_are_refused_without_asking()
    {
        var ids = TestIds.Many(2);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{ "persons": [] }"""));

        var (findings, _) = await FindAsync(ids[0], "22010519800315001", ids[1], "../../admin/x");

        findings.Select(f => f.Kind).ShouldBe([FindingKind.NoRecords, FindingKind.Refused, FindingKind.NoRecords, FindingKind.Refused]);
        findings[1].RefusalCode.ShouldBe(RefusalCodes.MalformedIdNumber);
        using var body = JsonDocument.Parse(Server.LogEntries.ShouldHaveSingleItem().RequestMessage.Body!);
        body.RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task A_person_asked_about_twice_gets_a_finding_each_time_from_one_request()
    {
        var id = TestIds.Make(7);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));

        var (findings, attempts) = await FindAsync(id, id);

        findings.Count.ShouldBe(2);
        findings.ShouldAllBe(f => f.IdNumber == id && f.Kind == FindingKind.RecordsFound);
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task More_than_a_thousand_persons_are_split_into_batches_of_at_most_a_thousand()
    {
        var ids = TestIds.Many(1200);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{ "persons": [] }"""));

        var (findings, attempts) = await FindAsync(ids);

        findings.Count.ShouldBe(1200);
        findings.ShouldAllBe(f => f.Kind == FindingKind.NoRecords);
        attempts.ShouldBe(2);
        var batches = Server.LogEntries
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("idNumbers").EnumerateArray().Select(i => i.GetString()!).ToList())
            .ToList();
        batches.Select(b => b.Count).OrderDescending().ShouldBe([1000, 200]);
        batches.SelectMany(b => b).Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Too_many_ids_is_a_rejection_not_a_retry()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"TOO_MANY_IDS"}"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Many(2)));

        error.Message.ShouldContain("TOO_MANY_IDS");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("\"employerName\": \"长春某某机械有限公司\", ", "")]
    [InlineData("\"长春某某机械有限公司\"", "null")]
    [InlineData("\"长春某某机械有限公司\"", "\"\"")]
    [InlineData("\"长春某某机械有限公司\"", "\" \"")]
    public async Task Employment_without_an_employer_name_is_still_employment_with_the_name_unknown(string documented, string unstated)
    {
        // The contribution base is what counts; the name is only shown.
        var id = TestIds.Make(12);
        var body = PersonJson(id);
        body.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body.Replace(documented, unstated, StringComparison.Ordinal)));

        var report = await AskOverBusAsync(Question(SocialSecurityAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.Employments.ShouldHaveSingleItem().ShouldBe(
            new EmploymentFact(null, "91220101MA14XXXX1K", 4200.00m, new DateOnly(2023, 1, 1), null));
        finding.Facts.Pensions.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("\"status\": \"paying\"", "\"status\": \"frozen\"")]
    [InlineData("\"scheme\": \"enterprise-employee\"", "\"scheme\": \"military\"")]
    [InlineData("\"from\": \"2023-01\"", "\"from\": \"2023/01\"")]
    [InlineData("\"pensions\": [", "\"pensionsRenamed\": [")]
    public async Task Answers_the_adapter_cannot_read_are_rejected_rather_than_guessed(string documented, string unexpected)
    {
        var id = TestIds.Make(8);
        var body = PersonJson(id);
        body.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body.Replace(documented, unexpected, StringComparison.Ordinal)));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_batch_answer_about_someone_not_asked_is_rejected()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{ "persons": [ {{PersonJson(TestIds.Make(99))}} ] }"""));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Many(2)));
    }

    [Theory]
    [InlineData("\"status\": \"paying\"", "\"status\": \"frozen\"")]
    [InlineData("\"scheme\": \"enterprise-employee\"", "\"scheme\": \"military\"")]
    [InlineData("\"monthlyAmount\": 2350.50", "\"monthlyAmount\": -2350.50")]
    public async Task A_value_the_adapter_cannot_read_in_one_persons_batch_answer_refuses_that_person_alone(string documented, string unexpected)
    {
        // A pension under a status or scheme the interface does not list may be income: that person is not "no records",
        // and nothing in it says anything about the others.
        var ids = TestIds.Many(3);
        PersonJson(ids[1]).ShouldContain(documented);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
            { "persons": [ {{PersonJson(ids[0])}}, {{PersonJson(ids[1]).Replace(documented, unexpected, StringComparison.Ordinal)}} ] }
            """));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
            (ids[2], FindingKind.NoRecords, null),
        ]);
        findings[0].Facts.Pensions.ShouldHaveSingleItem().Status.ShouldBe(PensionStatus.Paying);
        findings[1].Facts.Pensions.ShouldBeEmpty();
        attempts.ShouldBe(1);
    }
}
