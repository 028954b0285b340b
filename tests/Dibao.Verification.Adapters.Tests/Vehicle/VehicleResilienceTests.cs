using System.Text;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Vehicle;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dibao.Verification.Adapters.Tests.Vehicle;

public sealed class VehicleResilienceTests : VehicleTestHost
{
    private const string Scenario = "flaky";
    private const string Recovered = "recovered";

    [Theory]
    [InlineData("E2001")]
    [InlineData("E9999")]
    public async Task A_busy_code_inside_a_200_is_retried_and_the_report_counts_the_attempts(string code)
    {
        var id = TestIds.Make(1);
        FailOnceThen(OneQuery(id), Ok(ErrorJson(code)), Ok(SuccessJson(CarJson)));

        var report = await AskOverBusAsync(Question(VehicleAdapter.Code, id));

        var finding = report.Findings.ShouldHaveSingleItem();
        finding.Kind.ShouldBe(FindingKind.RecordsFound);
        finding.Facts.Vehicles.ShouldHaveSingleItem().PlateNumber.ShouldBe("吉A12345");
        report.Attempts.ShouldBe(2);
        Server.LogEntries.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("E2001")]
    [InlineData("E9999")]
    public async Task A_busy_code_on_the_batch_query_is_retried_since_the_query_only_reads(string code)
    {
        var ids = TestIds.Many(2);
        FailOnceThen(BatchQuery(), Ok(ErrorJson(code)), Ok(BatchJson(ResultJson(ids[0], CarJson), ResultJson(ids[1]))));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => f.Kind).ShouldBe([FindingKind.RecordsFound, FindingKind.NoRecords]);
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task When_the_administration_stays_busy_it_is_unavailable_not_empty()
    {
        var id = TestIds.Make(2);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Ok(ErrorJson("E2001")));

        var error = await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_batch_that_stays_busy_is_unavailable_rather_than_no_vehicles()
    {
        Configure("MaxRetryAttempts", "1");
        Server.Given(BatchQuery()).RespondWith(Ok(ErrorJson("E9999")));

        await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(TestIds.Many(2)));

        Server.LogEntries.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        var id = TestIds.Make(3);
        var failure = Response.Create().WithStatusCode(status);
        FailOnceThen(OneQuery(id), status == 429 ? failure.WithHeader("Retry-After", "0") : failure, Ok(SuccessJson(CarJson)));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task A_dropped_connection_is_retried(FaultType fault)
    {
        var id = TestIds.Make(4);
        FailOnceThen(OneQuery(id), Ok(SuccessJson(CarJson)).WithFault(fault), Ok(SuccessJson(CarJson)));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_200_cut_short_is_retried_not_read_as_no_vehicles()
    {
        var id = TestIds.Make(5);
        FailOnceThen(OneQuery(id), Ok("""{ "code": "0", "msg": "ok", "data": [ """), Ok(SuccessJson(CarJson)));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Non_transient_statuses_are_rejected_and_asked_once(int status)
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(status));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(6)));

        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_key_refuses_the_query_at_once_without_message_retries()
    {
        Configure("ApiKey", "wrong");
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(VehicleAdapter.Code, TestIds.Make(7)));

        refusal.Code.ShouldBe("HTTP_401");
        Server.LogEntries.Count.ShouldBe(1);
        Server.LogEntries.Single().RequestMessage.Headers!["X-Api-Key"].ShouldBe(new[] { "wrong" });
    }

    [Fact]
    public async Task A_busy_code_after_a_byte_order_mark_is_still_retried()
    {
        // The answer's reader skips the mark, so a busy body read without it was taken for a refusal under E2001.
        var id = TestIds.Make(9);
        var busy = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ErrorJson("E2001"))]);
        FailOnceThen(OneQuery(id), busy, Ok(SuccessJson(CarJson)));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task E1001_is_an_answer_and_is_not_retried_even_when_busy_codes_are()
    {
        var id = TestIds.Make(8);
        FailOnceThen(OneQuery(id), Ok(ErrorJson("E2001")), Ok(MalformedJson));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().RefusalCode.ShouldBe(RefusalCodes.MalformedIdNumber);
        attempts.ShouldBe(2);
        Server.LogEntries.Count.ShouldBe(2);
    }

    private void FailOnceThen(IRequestBuilder request, IResponseBuilder failure, IResponseBuilder success)
    {
        Server.Given(request).InScenario(Scenario).WillSetStateTo(Recovered).RespondWith(failure);
        Server.Given(request).InScenario(Scenario).WhenStateIs(Recovered).RespondWith(success);
    }
}
