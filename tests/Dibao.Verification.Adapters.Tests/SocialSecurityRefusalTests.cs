using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// A question the agency refuses as a whole is reported refused to the hub at once, under the agency's code, and
/// asked no more; a transient failure is retried instead and never reported that way. Answers are sent to the hub.
/// </summary>
public sealed class SocialSecurityRefusalTests : SocialSecurityTestHost
{
    private const string Scenario = "flaky";
    private const string Recovered = "recovered";

    [Fact]
    public async Task A_refused_key_is_reported_refused_at_once_and_asked_once()
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401));
        var question = Question(SocialSecurityAdapter.Code, TestIds.Make(1));

        var refusal = await AskOverBusExpectingRefusalAsync(question);

        refusal.QueryId.ShouldBe(question.QueryId);
        refusal.Agency.ShouldBe(SocialSecurityAdapter.Code);
        refusal.Code.ShouldBe("HTTP_401");
        Server.LogEntries.Count.ShouldBe(1);
        SentSoFar<AgencyFindingsReported>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refusal_with_the_agencys_error_code_is_reported_under_that_code()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":"INVALID_REQUEST"}"""));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(SocialSecurityAdapter.Code, TestIds.Many(2)));

        refusal.Code.ShouldBe("INVALID_REQUEST");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"code":"220105198003150012"}""", "HTTP_422")]
    [InlineData("""{"code":"姓名不符"}""", "HTTP_422")]
    [InlineData("""{"code":"A-CODE-THAT-GOES-ON-AND-ON-FAR-BEYOND-WHAT-ANY-AGENCY-WOULD-NAME-AN-ERROR"}""", "HTTP_422")]
    [InlineData("""{"message":"no code here"}""", "HTTP_422")]
    [InlineData("""{"code":"E-20261122"}""", "E-20261122")]
    public async Task An_agency_code_that_could_carry_personal_data_is_replaced_by_the_status(string body, string reported)
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(422).WithBody(body));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(SocialSecurityAdapter.Code, TestIds.Many(2)));

        refusal.Code.ShouldBe(reported);
    }

    [Theory]
    [InlineData("""{ "unexpected": true }""")]
    [InlineData("""[]""")]
    public async Task An_answer_that_cannot_be_read_is_reported_refused_and_asked_once(string body)
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(body));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(SocialSecurityAdapter.Code, TestIds.Make(2)));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("\"monthlyAmount\": 2350.50", "\"monthlyAmount\": -2350.50")]
    [InlineData("\"contributionBase\": 4200.00", "\"contributionBase\": -4200.00")]
    [InlineData("\"monthlyAmount\": 1500.00", "\"monthlyAmount\": -1500.00")]
    public async Task A_negative_amount_is_not_taken(string written, string negative)
    {
        var id = TestIds.Make(3);
        Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id).Replace(written, negative, StringComparison.Ordinal)));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(SocialSecurityAdapter.Code, id));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(503)]
    public async Task A_transient_failure_is_retried_and_never_reported_refused(int status)
    {
        var id = TestIds.Make(3);
        var single = Request.Create().WithPath(SinglePath + id).UsingGet();
        Server.Given(single).InScenario(Scenario).WillSetStateTo(Recovered).RespondWith(Response.Create().WithStatusCode(status));
        Server.Given(single).InScenario(Scenario).WhenStateIs(Recovered).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));

        var report = await AskOverBusAsync(Question(SocialSecurityAdapter.Code, id));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        Server.LogEntries.Count.ShouldBe(2);
        SentSoFar<AgencyQueryRefused>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failure_that_outlasts_the_http_retries_is_asked_again_by_the_message_retry_not_refused()
    {
        Configure("MaxRetryAttempts", "0");
        var id = TestIds.Make(4);
        var single = Request.Create().WithPath(SinglePath + id).UsingGet();
        Server.Given(single).InScenario(Scenario).WillSetStateTo(Recovered).RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(single).InScenario(Scenario).WhenStateIs(Recovered).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));

        var report = await AskOverBusAsync(Question(SocialSecurityAdapter.Code, id));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        Server.LogEntries.Count.ShouldBe(2);
        SentSoFar<AgencyQueryRefused>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Answers_are_sent_to_the_hubs_queue_and_never_published()
    {
        var id = TestIds.Make(5);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));
        Server.Given(Request.Create().WithPath(SinglePath + TestIds.Make(6)).UsingGet()).RespondWith(Response.Create().WithStatusCode(403));

        await AskOverBusAsync(Question(SocialSecurityAdapter.Code, id));
        await AskOverBusExpectingRefusalAsync(Question(SocialSecurityAdapter.Code, TestIds.Make(6)));

        PublishedSoFar<AgencyFindingsReported>().ShouldBeEmpty();
        PublishedSoFar<AgencyQueryRefused>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_question_that_names_where_to_answer_is_answered_there()
    {
        var id = TestIds.Make(7);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));
        var question = Question(SocialSecurityAdapter.Code, id);
        var endpoint = await AgencyQueueAsync();

        await endpoint.Send(question, context => context.ResponseAddress = new Uri("queue:hub-elsewhere"));

        var sent = await SentAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId);
        sent.Context.DestinationAddress.ShouldNotBeNull().AbsolutePath.ShouldBe("/hub-elsewhere");
    }
}
