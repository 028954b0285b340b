using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Tax;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Tax;

public sealed class TaxAnswerTests : TaxTestHost
{
    [Fact]
    public async Task Income_is_reported_over_the_bus_in_yuan_by_month()
    {
        var id = TestIds.Make(1);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost().WithHeader("Authorization", $"Bearer {Token}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson)));
        var question = Question(id);

        var report = await AskOverBusAsync(question);

        report.QueryId.ShouldBe(question.QueryId);
        report.Agency.ShouldBe("tax");
        report.Attempts.ShouldBe(2);
        var finding = report.Findings.ShouldHaveSingleItem();
        finding.IdNumber.ShouldBe(id);
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.TaxedIncome.ShouldHaveSingleItem()
            .ShouldBe(new TaxedIncomeFact(new DateOnly(2026, 9, 1), IncomeCategory.Wages, "长春某某商贸有限公司", 5200.00m, 12.00m));
        finding.Facts.Employments.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_single_query_sends_number_name_and_window_with_the_bearer_token()
    {
        var id = TestIds.Make(2);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson()));

        await FindAsync(id);

        var token = Server.LogEntries.Single(e => e.RequestMessage.Path == TokenPath).RequestMessage;
        token.Method.ShouldBe("POST");
        token.Headers!["Content-Type"].ShouldHaveSingleItem().ShouldStartWith("application/x-www-form-urlencoded");
        token.Body.ShouldBe($"grant_type=client_credentials&client_id={ClientId}&client_secret={ClientSecret}");
        var request = Server.LogEntries.Single(e => e.RequestMessage.Path == SinglePath).RequestMessage;
        request.Method.ShouldBe("POST");
        request.Headers!["Authorization"].ShouldBe(new[] { $"Bearer {Token}" });
        request.Headers.ShouldNotContainKey("X-Api-Key");
        using var body = JsonDocument.Parse(request.Body!);
        body.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe(
            [("idNumber", id), ("name", Name), ("fromMonth", From), ("toMonth", To)]);
    }

    [Theory]
    [InlineData("wages", IncomeCategory.Wages)]
    [InlineData("labor-remuneration", IncomeCategory.LaborRemuneration)]
    [InlineData("business", IncomeCategory.Business)]
    [InlineData("interest-dividend", IncomeCategory.InterestDividend)]
    [InlineData("property-lease", IncomeCategory.PropertyLease)]
    public async Task Every_documented_category_is_translated(string wire, IncomeCategory category)
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson.Replace("\"wages\"", $"\"{wire}\"", StringComparison.Ordinal))));

        var (findings, _) = await FindAsync(TestIds.Make(3));

        findings.ShouldHaveSingleItem().Facts.TaxedIncome.ShouldHaveSingleItem().Category.ShouldBe(category);
    }

    [Theory]
    [InlineData(", \"payer\": \"长春某某商贸有限公司\"", "")]
    [InlineData("\"长春某某商贸有限公司\"", "null")]
    [InlineData("\"长春某某商贸有限公司\"", "\"\"")]
    [InlineData("\"长春某某商贸有限公司\"", "\" \"")]
    public async Task Income_without_a_payer_is_still_income_with_the_payer_unknown(string documented, string unstated)
    {
        // Business income has no payer to name, and no decision rests on one.
        var id = TestIds.Make(13);
        RecordJson.ShouldContain(documented);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson.Replace(documented, unstated, StringComparison.Ordinal))));

        var report = await AskOverBusAsync(Question(id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.TaxedIncome.ShouldHaveSingleItem()
            .ShouldBe(new TaxedIncomeFact(new DateOnly(2026, 9, 1), IncomeCategory.Wages, null, 5200.00m, 12.00m));
    }

    [Fact]
    public async Task No_income_in_the_window_is_no_records()
    {
        var id = TestIds.Make(4);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"records": []}"""));

        var (findings, _) = await FindAsync(id);

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.NoRecords);
        finding.IdNumber.ShouldBe(id);
    }

    [Fact]
    public async Task A_name_the_bureau_does_not_hold_is_a_name_mismatch_finding_asked_once()
    {
        var id = TestIds.Make(5);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(409).WithBody("""{"code":"NAME_ID_MISMATCH"}"""));

        var report = await AskOverBusAsync(Question(id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Refused);
        finding.RefusalCode.ShouldBe(RefusalCodes.NameIdMismatch);
        finding.Facts.TaxedIncome.ShouldBeEmpty();
        Requests(SinglePath).ShouldBe(1);
    }

    [Fact]
    public async Task A_conflict_without_the_documented_code_is_rejected()
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost()).RespondWith(Response.Create().WithStatusCode(409));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(6)));

        Requests(SinglePath).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"code":"INVALID_ID_NUMBER"}""", "INVALID_ID_NUMBER")]
    [InlineData("""{"code":"PERSON-LOCKED.2"}""", "PERSON-LOCKED.2")]
    [InlineData("", RefusalCodes.MalformedIdNumber)]
    [InlineData("{}", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":""}""", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":400}""", RefusalCodes.MalformedIdNumber)]
    [InlineData("身份证号码格式错误", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":"ID_220105198003150012"}""", RefusalCodes.MalformedIdNumber)]
    public async Task A_person_refused_by_the_bureau_is_refused_under_its_own_code_or_as_a_malformed_number(string body, string code)
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody(body));

        var (findings, attempts) = await FindAsync(TestIds.Make(7));

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Refused);
        finding.RefusalCode.ShouldBe(code);
        finding.Facts.TaxedIncome.ShouldBeEmpty();
        attempts.ShouldBe(2);
        Requests(SinglePath).ShouldBe(1);
    }

    [Fact]
    public async Task Window_too_long_is_a_rejection_not_a_retry()
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"WINDOW_TOO_LONG"}"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(8)));

        error.Message.ShouldContain("WINDOW_TOO_LONG");
        Requests(SinglePath).ShouldBe(1);
    }

    [Fact]
    public async Task A_window_longer_than_twelve_months_is_asked_in_pieces_and_the_records_joined()
    {
        var id = TestIds.Make(9);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost().WithBody(b => b!.Contains("\"fromMonth\":\"2025-01\"", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson.Replace("202609", "202503", StringComparison.Ordinal))));
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost().WithBody(b => b!.Contains("\"fromMonth\":\"2026-01\"", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson)));

        var (findings, _) = await FindAsync(Question(new DateOnly(2025, 1, 1), new DateOnly(2026, 10, 1), id));

        findings.ShouldHaveSingleItem().Facts.TaxedIncome.Select(f => f.Period).ShouldBe([new DateOnly(2025, 3, 1), new DateOnly(2026, 9, 1)]);
        var windows = Server.LogEntries.Where(e => e.RequestMessage.Path == SinglePath)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement)
            .Select(b => (b.GetProperty("fromMonth").GetString(), b.GetProperty("toMonth").GetString()))
            .ToList();
        windows.ShouldBe([("2025-01", "2025-12"), ("2026-01", "2026-10")]);
    }

    [Fact]
    public async Task Several_persons_use_the_batch_query_with_their_names_and_each_status_is_a_finding()
    {
        var ids = TestIds.Many(3);
        GivenToken();
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost().WithHeader("Authorization", $"Bearer {Token}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
                { "results": [
                  { "idNumber": "{{ids[2]}}", "status": "ok", "records": [] },
                  { "idNumber": "{{ids[0]}}", "status": "ok", "records": [ {{RecordJson}} ] },
                  { "idNumber": "{{ids[1]}}", "status": "NAME_ID_MISMATCH", "records": [] } ] }
                """));

        var report = await AskOverBusAsync(Question(ids));

        report.Findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, RefusalCodes.NameIdMismatch),
            (ids[2], FindingKind.NoRecords, null),
        ]);
        report.Findings[0].Facts.TaxedIncome.ShouldHaveSingleItem().Gross.ShouldBe(5200m);
        using var body = JsonDocument.Parse(Server.LogEntries.Single(e => e.RequestMessage.Path == BatchPath).RequestMessage.Body!);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["fromMonth", "toMonth", "persons"]);
        body.RootElement.GetProperty("fromMonth").GetString().ShouldBe(From);
        body.RootElement.GetProperty("toMonth").GetString().ShouldBe(To);
        body.RootElement.GetProperty("persons").EnumerateArray()
            .Select(p => (p.GetProperty("idNumber").GetString(), p.GetProperty("name").GetString()))
            .ShouldBe(ids.Select(id => ((string?)id, (string?)Name)));
    }

    [Fact]
    public async Task More_than_five_hundred_persons_are_split_into_batches_of_at_most_five_hundred()
    {
        var ids = TestIds.Many(700);
        GivenToken();
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(request =>
        {
            var persons = JsonDocument.Parse(request.Body!).RootElement.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("idNumber").GetString());
            return $$"""{ "results": [ {{string.Join(", ", persons.Select(id => $$"""{ "idNumber": "{{id}}", "status": "ok", "records": [] }"""))}} ] }""";
        }));

        var (findings, attempts) = await FindAsync(ids);

        findings.Count.ShouldBe(700);
        findings.ShouldAllBe(f => f.Kind == FindingKind.NoRecords);
        attempts.ShouldBe(3);
        var batches = Server.LogEntries.Where(e => e.RequestMessage.Path == BatchPath)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("persons").GetArrayLength())
            .ToList();
        batches.OrderDescending().ShouldBe([500, 200]);
    }

    [Fact]
    public async Task Numbers_of_the_wrong_shape_are_refused_without_asking()
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson()));
        var id = TestIds.Make(10);

        var (findings, _) = await FindAsync(id, "22010519800315001");

        findings.Select(f => f.Kind).ShouldBe([FindingKind.NoRecords, FindingKind.Refused]);
        findings[1].RefusalCode.ShouldBe(RefusalCodes.MalformedIdNumber);
        Requests(SinglePath).ShouldBe(1);
    }

    [Theory]
    [InlineData("PERSON_DECEASED", "PERSON_DECEASED")]
    [InlineData("OK", "OK")]
    [InlineData("", QueryRefusalCodes.UnreadableAnswer)]
    [InlineData("已注销", QueryRefusalCodes.UnreadableAnswer)]
    [InlineData("ID_220105198003150012", QueryRefusalCodes.UnreadableAnswer)]
    public async Task A_status_the_interface_does_not_show_refuses_that_person_alone_and_the_others_are_read(string status, string code)
    {
        // The interface shows ok and NAME_ID_MISMATCH as examples without closing the list.
        var ids = TestIds.Many(3);
        GivenToken();
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
                { "results": [
                  { "idNumber": "{{ids[0]}}", "status": "ok", "records": [ {{RecordJson}} ] },
                  { "idNumber": "{{ids[1]}}", "status": "{{status}}", "records": [ {{RecordJson}} ] },
                  { "idNumber": "{{ids[2]}}", "status": "NAME_ID_MISMATCH", "records": [] } ] }
                """));

        var report = await AskOverBusAsync(Question(ids));

        report.Findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, code),
            (ids[2], FindingKind.Refused, RefusalCodes.NameIdMismatch),
        ]);
        report.Findings[0].Facts.TaxedIncome.ShouldHaveSingleItem().Gross.ShouldBe(5200m);
        report.Findings[1].Facts.TaxedIncome.ShouldBeEmpty();
        Requests(BatchPath).ShouldBe(1);
    }

    [Theory]
    [InlineData("\"category\": \"wages\"", "\"category\": \"bonus\"")]
    [InlineData("\"period\": \"202609\"", "\"period\": \"202611\"")]
    [InlineData("\"grossFen\": 520000", "\"grossFen\": -520000")]
    public async Task A_record_the_adapter_cannot_read_in_one_persons_batch_result_refuses_that_person_alone(string documented, string unexpected)
    {
        // Income of a category the interface does not list is still income: that person is not "no income".
        var ids = TestIds.Many(2);
        RecordJson.ShouldContain(documented);
        GivenToken();
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
                { "results": [
                  { "idNumber": "{{ids[0]}}", "status": "ok", "records": [ {{RecordJson}} ] },
                  { "idNumber": "{{ids[1]}}", "status": "ok", "records": [ {{RecordJson}}, {{RecordJson.Replace(documented, unexpected, StringComparison.Ordinal)}} ] } ] }
                """));

        var (findings, _) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
        ]);
        findings[1].Facts.TaxedIncome.ShouldBeEmpty();
        Requests(BatchPath).ShouldBe(1);
    }

    [Fact]
    public async Task A_person_refused_in_one_window_is_refused_whatever_the_other_window_holds()
    {
        // Twenty-two months are asked in two pieces; the records of one would be taken for the income of all.
        var ids = TestIds.Many(2);
        GivenToken();
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost().WithBody(b => b!.Contains("\"fromMonth\":\"2025-01\"", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
                { "results": [
                  { "idNumber": "{{ids[0]}}", "status": "ok", "records": [] },
                  { "idNumber": "{{ids[1]}}", "status": "PERSON_SEALED", "records": [] } ] }
                """));
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost().WithBody(b => b!.Contains("\"fromMonth\":\"2026-01\"", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
                { "results": [
                  { "idNumber": "{{ids[1]}}", "status": "ok", "records": [ {{RecordJson}} ] },
                  { "idNumber": "{{ids[0]}}", "status": "ok", "records": [ {{RecordJson}} ] } ] }
                """));

        var (findings, _) = await FindAsync(Question(new DateOnly(2025, 1, 1), new DateOnly(2026, 10, 1), ids));

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, "PERSON_SEALED"),
        ]);
        findings[1].Facts.TaxedIncome.ShouldBeEmpty();
        Requests(BatchPath).ShouldBe(2);
    }

    [Theory]
    [InlineData("""{ "idNumber": "{0}", "status": "ok", "records": [] }""", "a person left out")]
    [InlineData("""{ "idNumber": "{0}", "status": "ok", "records": [] }, { "idNumber": "{1}", "status": "ok", "records": [] }, { "idNumber": "{1}", "status": "ok", "records": [] }""", "a person twice")]
    [InlineData("""{ "idNumber": "{0}", "status": "ok", "records": [] }, { "idNumber": "220105196001010017", "status": "ok", "records": [] }""", "a person not asked")]
    public async Task A_batch_answer_that_does_not_match_the_question_is_rejected(string results, string problem)
    {
        var ids = TestIds.Many(2);
        GivenToken();
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody($$"""{ "results": [ {{results.Replace("{0}", ids[0], StringComparison.Ordinal).Replace("{1}", ids[1], StringComparison.Ordinal)}} ] }"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(ids), problem);

        error.Message.ShouldNotContain(ids[0]);
        Requests(BatchPath).ShouldBe(1);
    }

    [Theory]
    [InlineData("\"category\": \"wages\"", "\"category\": \"bonus\"")]
    [InlineData("\"period\": \"202609\"", "\"period\": \"2026-09\"")]
    [InlineData("\"period\": \"202609\"", "\"period\": \"202611\"")]
    [InlineData("\"grossFen\": 520000", "\"grossFen\": 5200.00")]
    [InlineData("\"grossFen\": 520000", "\"grossFen\": -520000")]
    [InlineData(", \"taxFen\": 1200", "")]
    public async Task Answers_the_adapter_cannot_read_are_rejected_rather_than_guessed(string documented, string unexpected)
    {
        var id = TestIds.Make(11);
        var body = RecordsJson(RecordJson);
        body.ShouldContain(documented);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body.Replace(documented, unexpected, StringComparison.Ordinal)));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Requests(SinglePath).ShouldBe(1);
    }

    [Fact]
    public async Task A_window_that_ends_before_it_starts_is_rejected_without_asking()
    {
        GivenToken();

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(Question(new DateOnly(2026, 10, 1), new DateOnly(2026, 5, 1), TestIds.Make(12))));

        Server.LogEntries.ShouldBeEmpty();
    }
}
