using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dibao.Verification.Adapters.Tests;

public sealed class SocialSecurityResilienceTests : SocialSecurityTestHost
{
    private const string Scenario = "flaky";
    private const string Recovered = "recovered";

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_is_honoured_before_asking_again(int status)
    {
        var id = TestIds.Make(1);
        FailOnceThen(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "1"), id);

        var (findings, attempts) = await FindAsync(id);

        PauseBeforeSecondRequest().ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
        Server.LogEntries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_question_waiting_out_a_retry_after_holds_no_permit_from_the_others()
    {
        // One request in flight at a time: were the wait to hold the permit, the second person's question would wait out
        // the first's half minute before it could be asked.
        Configure("MaxConcurrentRequests", "1");
        var (waiting, other) = (TestIds.Make(10), TestIds.Make(11));
        FailOnceThen(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30"), waiting);
        Server.Given(Request.Create().WithPath(SinglePath + other).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(other)));

        var first = FindAsync(waiting);
        for (var tries = 0; Server.LogEntries.Count == 0; tries++)
        {
            tries.ShouldBeLessThan(600, "the first question never reached the agency");
            await Task.Delay(100);
        }

        var (findings, _) = await FindAsync(other);
        var (waited, _) = await first;

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        waited.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => e.RequestMessage.Path[SinglePath.Length..])
            .ShouldBe([waiting, other, waiting], "the other person was asked while the first waited");
    }

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(505)]
    [InlineData(599)]
    public async Task Transient_statuses_are_retried(int status)
    {
        var id = TestIds.Make(2);
        FailOnceThen(Response.Create().WithStatusCode(status), id);

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task A_dropped_connection_is_retried(FaultType fault)
    {
        var id = TestIds.Make(3);
        FailOnceThen(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)).WithFault(fault), id);

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task An_attempt_slower_than_the_attempt_timeout_is_abandoned_and_retried()
    {
        // The first request the agency sees is held until the test ends, so the answer can only come from a later
        // attempt: one made after the hung one was abandoned. Were it never abandoned, no answer would come within the
        // patience. Retries to spare, so a busy machine cutting off an attempt before it reaches the agency cannot use
        // them all up (nine attempts at most, under the ten the circuit breaker needs before it may open).
        Configure("AttemptTimeout", "00:00:05");
        Configure("MaxRetryAttempts", "8");
        var id = TestIds.Make(4);
        var calls = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(async _ =>
        {
            // WireMock moves a scenario on only once a response completes, which an abandoned attempt never does.
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
            }

            return PersonJson(id);
        }));

        try
        {
            var (findings, attempts) = await FindAsync(id).WaitAsync(Patience);

            findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
            attempts.ShouldBeGreaterThanOrEqualTo(2);
            Volatile.Read(ref calls).ShouldBeGreaterThanOrEqualTo(2, "the held first request and the one that answered");
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task When_the_retries_are_spent_the_agency_is_unavailable_not_empty()
    {
        var id = TestIds.Make(5);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(503));

        var error = await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(5);
    }

    [Fact]
    public async Task When_every_attempt_times_out_the_agency_is_unavailable()
    {
        // The agency never answers while the test runs. Attempts are counted as the adapter makes them, not as the agency
        // receives them: on a busy machine an attempt can be cut off before it reaches the agency.
        Configure("AttemptTimeout", "00:00:01");
        Configure("MaxRetryAttempts", "1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(async _ =>
        {
            await release.Task;
            return "{}";
        }));
        var query = Services.GetRequiredService<SocialSecurityQuery>();

        try
        {
            using var attempts = AttemptCounter.Start();
            await Should.ThrowAsync<AgencyUnavailableException>(
                () => query.FindAsync(Question(SocialSecurityAdapter.Code, TestIds.Make(6)).Persons, AsOf, CancellationToken.None).WaitAsync(Patience));

            attempts.Count.ShouldBe(2, "the first attempt and its one retry");
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    public async Task Non_transient_statuses_are_asked_once(int status)
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"code":"PERSON_NOT_FOUND"}"""));

        try
        {
            await FindAsync(TestIds.Make(7));
        }
        catch (AgencyRejectedException)
        {
            status.ShouldBeOneOf(401, 409);
        }

        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_key_refuses_the_query_at_once_without_message_retries()
    {
        Configure("ApiKey", "wrong");
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(SocialSecurityAdapter.Code, TestIds.Make(8)));

        refusal.Code.ShouldBe("HTTP_401");
        refusal.Agency.ShouldBe(SocialSecurityAdapter.Code);
        Server.LogEntries.Count.ShouldBe(1);
        Server.LogEntries.Single().RequestMessage.Headers!["X-Api-Key"].ShouldBe(new[] { "wrong" });
    }

    [Fact]
    public async Task The_report_counts_the_attempts_retries_included()
    {
        var id = TestIds.Make(9);
        FailOnceThen(Response.Create().WithStatusCode(502), id);

        var report = await AskOverBusAsync(Question(SocialSecurityAdapter.Code, id));

        report.Attempts.ShouldBe(2);
        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
    }

    private void FailOnceThen(IResponseBuilder failure, string id)
    {
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(failure);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));
    }
}
