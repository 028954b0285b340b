using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// Transient faults on either call are retried by the shared pipeline. Both calls are safe to repeat: a
/// resubmission carries the same inquiry number, so the bank hands back the same ticket.
/// </summary>
public sealed class BankResilienceTests : BankTestHost
{
    private const string Scenario = "flaky";
    private const string Collect = "collect";
    private const string Recovered = "recovered";

    public static TheoryData<int> TransientStatuses => [429, 500, 502, 503, 504];

    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task A_transient_failure_of_the_submission_is_retried(int status)
    {
        var id = TestIds.Make(20);
        FailOnceThen(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost(), Response.Create().WithStatusCode(status).WithHeader("Retry-After", "0"), Ticket("T-1"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-1")).UsingGet()).RespondWith(Json(200, Completed((id, []))));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Requests("POST", SubmitPath(Icbc)).Count().ShouldBe(2);
        report.Attempts.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task A_transient_failure_of_the_collection_is_retried(int status)
    {
        var id = TestIds.Make(21);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-2"));
        FailOnceThen(Request.Create().WithPath(TicketPath(Icbc, "T-2")).UsingGet(), Response.Create().WithStatusCode(status), Json(200, Completed((id, []))));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Requests("GET", TicketPath(Icbc, "T-2")).Count().ShouldBe(2);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task A_dropped_connection_on_either_call_is_retried(FaultType fault)
    {
        var id = TestIds.Make(22);
        FailOnceThen(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost(), Ticket("T-3").WithFault(fault), Ticket("T-3"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-3")).UsingGet())
            .InScenario(Collect).WillSetStateTo(Recovered)
            .RespondWith(Json(200, Completed((id, []))).WithFault(fault));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-3")).UsingGet())
            .InScenario(Collect).WhenStateIs(Recovered)
            .RespondWith(Json(200, Completed((id, []))));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        report.Attempts.ShouldBe(4);
    }

    [Fact]
    public async Task A_bank_down_while_collecting_is_looked_at_again_later_rather_than_given_up()
    {
        Configure("MaxRetryAttempts", "1");
        var id = TestIds.Make(23);
        var collect = Request.Create().WithPath(TicketPath(Icbc, "T-4")).UsingGet();
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-4"));
        Server.Given(collect).InScenario(Scenario).WillSetStateTo("retried").RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(collect).InScenario(Scenario).WhenStateIs("retried").WillSetStateTo(Recovered).RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(collect).InScenario(Scenario).WhenStateIs(Recovered).RespondWith(Json(200, Completed((id, []))));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Requests("GET", TicketPath(Icbc, "T-4")).Count().ShouldBe(3);
    }

    private void FailOnceThen(IRequestBuilder request, IResponseBuilder failure, IResponseBuilder success)
    {
        Server.Given(request).InScenario(Scenario).WillSetStateTo(Recovered).RespondWith(failure);
        Server.Given(request).InScenario(Scenario).WhenStateIs(Recovered).RespondWith(success);
    }
}
