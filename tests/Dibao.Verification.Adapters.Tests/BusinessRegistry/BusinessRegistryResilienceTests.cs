using Dibao.Verification.Adapters.BusinessRegistry;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dibao.Verification.Adapters.Tests.BusinessRegistry;

public sealed class BusinessRegistryResilienceTests : BusinessRegistryTestHost
{
    private const string Scenario = "flaky";
    private const string Recovered = "recovered";

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried_and_the_retry_is_signed_afresh(int status)
    {
        var id = TestIds.Make(1);
        var failure = Response.Create().WithStatusCode(status).WithBody(_ =>
        {
            // Time passes before the retry: a replayed timestamp would fall outside the agency's 300 s window.
            Clock.Advance(TimeSpan.FromMinutes(10));
            return string.Empty;
        });
        FailOnceThen(status == 429 ? failure.WithHeader("Retry-After", "1") : failure, id);

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
        var requests = Server.LogEntries.Select(e => e.RequestMessage).ToList();
        requests.Count.ShouldBe(2);
        requests.ForEach(ShouldBeSignedPerSpecification);
        (Timestamp(requests[1]) - Timestamp(requests[0])).ShouldBeGreaterThanOrEqualTo(600);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task A_dropped_connection_is_retried(FaultType fault)
    {
        var id = TestIds.Make(2);
        FailOnceThen(Response.Create().WithStatusCode(200).WithBody(PageJson(1, 1, 50, EntityJson())).WithFault(fault), id);

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_later_page_that_fails_transiently_is_asked_again_alone()
    {
        var id = TestIds.Make(3);
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(2, 1, 1, EntityJson("C1"))));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "2"))
            .InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(Response.Create().WithStatusCode(502));
        Server.Given(Request.Create().WithPath(EntitiesPath).UsingGet().WithParam("page", "2"))
            .InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(2, 2, 1, EntityJson("C2"))));

        var (findings, attempts) = await FindAsync(id);

        findings.ShouldHaveSingleItem().Facts.Businesses.Select(b => b.CreditCode).ShouldBe(["C1", "C2"]);
        attempts.ShouldBe(3);
        Server.LogEntries.Select(e => e.RequestMessage.Query!["page"].Single()).ShouldBe(["1", "2", "2"]);
    }

    [Fact]
    public async Task A_batch_query_retried_after_a_transient_failure_sends_the_same_body_signed_again()
    {
        var ids = TestIds.Many(2);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(Response.Create().WithStatusCode(503).WithBody(_ =>
            {
                Clock.Advance(TimeSpan.FromMinutes(10));
                return string.Empty;
            }));
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost())
            .InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(BatchJson(ResultJson(ids[0]), ResultJson(ids[1], EntityJson()))));

        var (findings, attempts) = await FindAsync(ids);

        findings.Select(f => f.Kind).ShouldBe([FindingKind.NoRecords, FindingKind.RecordsFound]);
        attempts.ShouldBe(2);
        var requests = Server.LogEntries.Select(e => e.RequestMessage).ToList();
        requests.ForEach(ShouldBeSignedPerSpecification);
        requests[1].BodyAsBytes.ShouldBe(requests[0].BodyAsBytes);
        requests[1].Headers!["X-Signature"].ShouldNotBe(requests[0].Headers!["X-Signature"]);
    }

    [Fact]
    public async Task When_the_retries_are_spent_the_agency_is_unavailable_not_empty()
    {
        var id = TestIds.Make(4);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(503));

        var error = await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(id));

        error.Message.ShouldNotContain(id);
        Server.LogEntries.Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_refused_signature_or_clock_refuses_the_query_at_once_without_retries()
    {
        var id = TestIds.Make(5);
        Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":"TIMESTAMP_OUT_OF_RANGE"}"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(id));
        var refusal = await AskOverBusExpectingRefusalAsync(Question(BusinessRegistryAdapter.Code, id));

        error.Message.ShouldContain("signature");
        error.Message.ShouldNotContain(id);
        error.Message.ShouldNotContain(Secret);
        refusal.Code.ShouldBe("TIMESTAMP_OUT_OF_RANGE");
        Server.LogEntries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_signature_on_the_batch_query_is_a_rejection_asked_once()
    {
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(401));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Many(2)));

        Server.LogEntries.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("AppId")]
    [InlineData("Secret")]
    public void Missing_credentials_fail_validation_naming_the_key(string key)
    {
        Configure(key, null);

        var error = Should.Throw<OptionsValidationException>(() => Services.GetRequiredService<IOptions<BusinessRegistryCredentials>>().Value);

        error.Message.ShouldContain($"Agencies:BusinessRegistry:{key}");
    }

    private void FailOnceThen(IResponseBuilder failure, string id)
    {
        Server.Given(Request.Create().WithPath(EntitiesPath).WithParam("idNumber", id).UsingGet())
            .InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(failure);
        Server.Given(Request.Create().WithPath(EntitiesPath).WithParam("idNumber", id).UsingGet())
            .InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson(1, 1, 50, EntityJson())));
    }
}
