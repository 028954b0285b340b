using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests;

public sealed class HousingFundAnswerTests : HousingFundTestHost
{
    [Fact]
    public async Task An_account_is_reported_over_the_bus_with_amounts_and_dates_translated()
    {
        var id = TestIds.Make(1);
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet().WithParam("idNumber", id).WithHeader("X-Api-Key", ApiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson(AccountJson)));
        var question = Question(HousingFundAdapter.Code, id);

        var report = await AskOverBusAsync(question);

        report.QueryId.ShouldBe(question.QueryId);
        report.Agency.ShouldBe("housing-fund");
        report.Attempts.ShouldBe(1);
        var finding = report.Findings.ShouldHaveSingleItem();
        finding.IdNumber.ShouldBe(id);
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.HousingFundAccounts.ShouldHaveSingleItem().ShouldBe(new HousingFundAccountFact(
            "2201001234567",
            HousingFundAccountStatus.Normal,
            "长春某某物业服务有限公司",
            4200.00m,
            840.00m,
            35120.55m,
            new DateOnly(2026, 10, 1),
            new DateOnly(2015, 3, 1)));
        finding.Facts.Pensions.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_single_query_sends_the_api_key_and_the_id_number_as_a_query_parameter()
    {
        var id = TestIds.Make(2);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson()));

        await FindAsync(id);

        var request = Server.LogEntries.ShouldHaveSingleItem().RequestMessage;
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe(SinglePath);
        request.Headers!["X-Api-Key"].ShouldBe(new[] { ApiKey });
        request.Query!["idNumber"].ShouldBe(new[] { id });
    }

    [Theory]
    [InlineData("sealed", HousingFundAccountStatus.Sealed)]
    [InlineData("closed", HousingFundAccountStatus.Closed)]
    public async Task Sealed_and_closed_accounts_are_still_records(string wire, HousingFundAccountStatus status)
    {
        var id = TestIds.Make(3);
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson(AccountJson.Replace("\"normal\"", $"\"{wire}\"", StringComparison.Ordinal))));

        var (findings, _) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Facts.HousingFundAccounts.ShouldHaveSingleItem().Status.ShouldBe(status);
    }

    [Theory]
    [InlineData("\"employerName\": \"长春某某物业服务有限公司\", ", "")]
    [InlineData("\"长春某某物业服务有限公司\"", "null")]
    [InlineData("\"长春某某物业服务有限公司\"", "\"\"")]
    [InlineData("\"长春某某物业服务有限公司\"", "\" \"")]
    public async Task An_account_without_an_employer_is_still_an_account_with_the_employer_unknown(string documented, string unstated)
    {
        // An account the person pays into alone (灵活就业) has no employer, and no decision rests on one.
        var id = TestIds.Make(9);
        AccountJson.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson(AccountJson.Replace(documented, unstated, StringComparison.Ordinal))));

        var report = await AskOverBusAsync(Question(HousingFundAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.HousingFundAccounts.ShouldHaveSingleItem().ShouldBe(new HousingFundAccountFact(
            "2201001234567", HousingFundAccountStatus.Normal, null, 4200.00m, 840.00m, 35120.55m, new DateOnly(2026, 10, 1), new DateOnly(2015, 3, 1)));
    }

    [Theory]
    [InlineData("\"depositBase\": \"4200.00\"", "\"depositBase\": \"-4200.00\"")]
    [InlineData("\"balance\": \"35120.55\"", "\"balance\": \"-35120.55\"")]
    public async Task A_negative_amount_is_not_taken(string written, string negative)
    {
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson(AccountJson.Replace(written, negative, StringComparison.Ordinal))));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(HousingFundAdapter.Code, TestIds.Make(5)));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
    }

    [Fact]
    public async Task No_accounts_is_no_records()
    {
        var id = TestIds.Make(4);
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"accounts": []}"""));

        var (findings, _) = await FindAsync(id);

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.NoRecords);
        finding.IdNumber.ShouldBe(id);
    }

    [Theory]
    [InlineData("", RefusalCodes.MalformedIdNumber)]
    [InlineData("""{"code":"ACCOUNT_SEALED"}""", "ACCOUNT_SEALED")]
    [InlineData("""{"code":"ID_220105198003150012"}""", RefusalCodes.MalformedIdNumber)]
    public async Task A_person_refused_by_the_centre_is_refused_under_its_own_code_or_as_a_malformed_number(string body, string code)
    {
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet()).RespondWith(Response.Create().WithStatusCode(400).WithBody(body));

        var (findings, attempts) = await FindAsync(TestIds.Make(5));

        var finding = findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.Refused);
        finding.RefusalCode.ShouldBe(code);
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Several_persons_use_the_batch_endpoint_over_the_bus()
    {
        var ids = TestIds.Many(2);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost().WithHeader("X-Api-Key", ApiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
                { "results": [ { "idNumber": "{{ids[1]}}", "accounts": [] }, { "idNumber": "{{ids[0]}}", "accounts": [ {{AccountJson}} ] } ] }
                """));

        var report = await AskOverBusAsync(Question(HousingFundAdapter.Code, ids));

        report.Findings.Select(f => (f.IdNumber, f.Kind)).ShouldBe([(ids[0], FindingKind.RecordsFound), (ids[1], FindingKind.NoRecords)]);
        using var body = JsonDocument.Parse(Server.LogEntries.ShouldHaveSingleItem().RequestMessage.Body!);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["idNumbers"]);
        body.RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => e.GetString()).ShouldBe(ids);
    }

    [Fact]
    public async Task More_than_five_hundred_persons_are_split_into_batches_of_at_most_five_hundred()
    {
        var ids = TestIds.Many(600);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(request =>
        {
            var asked = JsonDocument.Parse(request.Body!).RootElement.GetProperty("idNumbers").EnumerateArray().Select(e => e.GetString());
            return JsonSerializer.Serialize(new { results = asked.Select(id => new { idNumber = id, accounts = Array.Empty<object>() }) });
        }));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => f.IdNumber).ShouldBe(ids);
        findings.ShouldAllBe(f => f.Kind == FindingKind.NoRecords);
        attempts.ShouldBe(2);
        var batches = Server.LogEntries
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("idNumbers").GetArrayLength())
            .ToList();
        batches.OrderDescending().ShouldBe([500, 100]);
    }

    [Fact]
    public async Task A_batch_answer_that_leaves_someone_out_is_rejected_not_read_as_no_accounts()
    {
        var ids = TestIds.Many(3);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{ "results": [ { "idNumber": "{{ids[0]}}", "accounts": [] }, { "idNumber": "{{ids[2]}}", "accounts": [] } ] }"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(ids));

        ids.ShouldAllBe(id => !error.Message.Contains(id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"status\": \"normal\"", "\"status\": \"frozen\"")]
    [InlineData("\"balance\": \"35120.55\"", "\"balance\": \"35,120.55\"")]
    [InlineData("\"balance\": \"35120.55\"", "\"balance\": 35120.55")]
    [InlineData("\"openedOn\": \"20150301\"", "\"openedOn\": \"2015-03-01\"")]
    [InlineData("\"lastDepositMonth\": \"202610\"", "\"lastDepositMonth\": \"202613\"")]
    public async Task Answers_the_adapter_cannot_read_are_rejected_rather_than_guessed(string documented, string unexpected)
    {
        AccountJson.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson(AccountJson.Replace(documented, unexpected, StringComparison.Ordinal))));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(6)));

        error.Message.ShouldNotContain("35120");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_key_refuses_the_query_at_once_without_retries()
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(HousingFundAdapter.Code, TestIds.Make(7)));

        refusal.Code.ShouldBe("HTTP_401");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_is_honoured_and_the_attempts_counted(int status)
    {
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "1"));
        Server.Given(Request.Create().WithPath(SinglePath).UsingGet()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(AccountsJson(AccountJson)));

        var report = await AskOverBusAsync(Question(HousingFundAdapter.Code, TestIds.Make(8)));

        PauseBeforeSecondRequest().ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        report.Attempts.ShouldBe(2);
        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
    }

    [Fact]
    public async Task When_the_retries_are_spent_the_centre_is_unavailable()
    {
        Configure("MaxRetryAttempts", "2");
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(502));

        await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(TestIds.Many(2)));

        Server.LogEntries.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("\"status\": \"normal\"", "\"status\": \"frozen\"")]
    [InlineData("\"balance\": \"35120.55\"", "\"balance\": \"-35120.55\"")]
    [InlineData("\"openedOn\": \"20150301\"", "\"openedOn\": \"2015-03-01\"")]
    public async Task A_value_the_adapter_cannot_read_in_one_persons_batch_answer_refuses_that_person_alone(string documented, string unexpected)
    {
        // An account under a status the interface does not list may be one still paid into: that person is not
        // "no accounts", and nothing in it says anything about the others.
        var ids = TestIds.Many(3);
        AccountJson.ShouldContain(documented);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""
            { "results": [
              { "idNumber": "{{ids[0]}}", "accounts": [ {{AccountJson}} ] },
              { "idNumber": "{{ids[1]}}", "accounts": [ {{AccountJson}}, {{AccountJson.Replace(documented, unexpected, StringComparison.Ordinal)}} ] },
              { "idNumber": "{{ids[2]}}", "accounts": [] } ] }
            """));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (ids[0], FindingKind.RecordsFound, null),
            (ids[1], FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
            (ids[2], FindingKind.NoRecords, null),
        ]);
        findings[1].Facts.HousingFundAccounts.ShouldBeEmpty();
        attempts.ShouldBe(1);
    }
}
