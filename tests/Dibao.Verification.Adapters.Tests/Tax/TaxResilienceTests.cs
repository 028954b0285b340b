using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Tax;

public sealed class TaxResilienceTests : TaxTestHost
{
    private const string Scenario = "flaky";
    private const string Recovered = "recovered";

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_of_the_income_query_are_retried_with_the_same_token(int status)
    {
        GivenToken();
        FailOnceThen(SinglePath, Response.Create().WithStatusCode(status), RecordsJson(RecordJson));

        var (findings, attempts) = await FindAsync(TestIds.Make(1));

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(3);
        Requests(TokenPath).ShouldBe(1);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task A_dropped_connection_is_retried(FaultType fault)
    {
        GivenToken();
        FailOnceThen(SinglePath, Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson)).WithFault(fault), RecordsJson(RecordJson));

        var (findings, _) = await FindAsync(TestIds.Make(2));

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        Requests(SinglePath).ShouldBe(2);
    }

    [Fact]
    public async Task A_transient_failure_of_the_batch_query_is_retried()
    {
        var ids = TestIds.Many(2);
        GivenToken();
        FailOnceThen(BatchPath, Response.Create().WithStatusCode(503), $$"""
            { "results": [ { "idNumber": "{{ids[0]}}", "status": "ok", "records": [] }, { "idNumber": "{{ids[1]}}", "status": "ok", "records": [] } ] }
            """);

        var report = await AskOverBusAsync(Question(ids));

        report.Findings.ShouldAllBe(f => f.Kind == FindingKind.NoRecords);
        report.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task When_the_retries_are_spent_the_bureau_is_unavailable_not_empty()
    {
        var id = TestIds.Make(3);
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));

        var error = await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Requests(SinglePath).ShouldBe(5);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    public async Task Non_transient_statuses_are_asked_once(int status)
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"code":"SOMETHING"}"""));

        try
        {
            await FindAsync(TestIds.Make(4));
        }
        catch (AgencyRejectedException)
        {
            status.ShouldBeOneOf(401, 404, 409);
        }

        Requests(SinglePath).ShouldBe(1);
    }

    private void FailOnceThen(string path, IResponseBuilder failure, string answer)
    {
        Server.Given(Request.Create().WithPath(path).UsingPost())
            .InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(failure);
        Server.Given(Request.Create().WithPath(path).UsingPost())
            .InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(answer));
    }
}
