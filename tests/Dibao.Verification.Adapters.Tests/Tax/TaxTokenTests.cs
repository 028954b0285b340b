using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Tax;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Tax;

public sealed class TaxTokenTests : TaxTestHost
{
    private const string Scenario = "token";
    private const string Renewed = "renewed";

    [Fact]
    public async Task One_token_serves_every_request_single_and_batch()
    {
        GivenToken();
        GivenIncomeFor(Token);
        Server.Given(Request.Create().WithPath(BatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(request =>
            request.Body!.Contains(TestIds.Make(3), StringComparison.Ordinal)
                ? $$"""{ "results": [ { "idNumber": "{{TestIds.Make(3)}}", "status": "ok", "records": [] }, { "idNumber": "{{TestIds.Make(4)}}", "status": "ok", "records": [] } ] }"""
                : "{}"));

        await FindAsync(TestIds.Make(1));
        await FindAsync(TestIds.Make(2));
        await FindAsync(TestIds.Make(3), TestIds.Make(4));

        Requests(TokenPath).ShouldBe(1);
        Requests(SinglePath).ShouldBe(2);
        Requests(BatchPath).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_callers_wait_for_one_token_instead_of_each_fetching_one()
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithDelay(TimeSpan.FromMilliseconds(300))
            .WithBody($$"""{"access_token":"{{Token}}","token_type":"Bearer","expires_in":600}"""));
        GivenIncomeFor(Token);

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => FindAsync(TestIds.Make(n))));

        answers.ShouldAllBe(a => a.Findings.Single().Kind == FindingKind.RecordsFound);
        Requests(TokenPath).ShouldBe(1);
        Requests(SinglePath).ShouldBe(20);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_question_asked_again_with_the_new_one()
    {
        GivenTokensInTurn("old", "new");
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost().WithHeader("Authorization", "Bearer old"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":"TOKEN_EXPIRED"}"""));
        GivenIncomeFor("new");

        var (findings, attempts) = await FindAsync(TestIds.Make(5));

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        Requests(TokenPath).ShouldBe(2);
        Requests(SinglePath).ShouldBe(2);
        attempts.ShouldBe(4);

        await FindAsync(TestIds.Make(6));

        Requests(TokenPath).ShouldBe(2);
    }

    [Fact]
    public async Task Requests_caught_by_the_same_expiry_share_one_renewal()
    {
        GivenTokensInTurn("old", "new");
        GivenIncomeFor("old");
        GivenIncomeFor("new");
        await FindAsync(TestIds.Make(30));
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost().WithHeader("Authorization", "Bearer old")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":"TOKEN_EXPIRED"}"""));
        Server.ResetLogEntries();

        var answers = await Task.WhenAll(Enumerable.Range(31, 10).Select(n => FindAsync(TestIds.Make(n))));

        answers.ShouldAllBe(a => a.Findings.Single().Kind == FindingKind.RecordsFound);
        Requests(TokenPath).ShouldBe(1);

        // How many went out before the renewal depends on the machine; each of those is asked again once, and no more.
        var asked = Server.LogEntries.Where(e => e.RequestMessage.Path == SinglePath)
            .Select(e => e.RequestMessage.Headers!["Authorization"].Single())
            .ToList();
        asked.Count(h => h == "Bearer new").ShouldBe(10);
        asked.Count(h => h == "Bearer old").ShouldBeInRange(1, 10);
    }

    [Fact]
    public async Task A_token_still_expired_after_renewal_refuses_the_query_without_more_tokens()
    {
        GivenTokensInTurn("old", "new");
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":"TOKEN_EXPIRED"}"""));

        var refusal = await AskOverBusExpectingRefusalAsync(Question(TestIds.Make(7)));

        refusal.Code.ShouldBe("TOKEN_EXPIRED");
        Requests(TokenPath).ShouldBe(2);
        Requests(SinglePath).ShouldBe(2);
    }

    [Fact]
    public async Task A_token_the_bureau_does_not_know_is_not_renewed()
    {
        GivenToken();
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":"INVALID_TOKEN"}"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(8)));

        error.Message.ShouldContain("access token");
        error.Code.ShouldBe("INVALID_TOKEN");
        Requests(TokenPath).ShouldBe(1);
        Requests(SinglePath).ShouldBe(1);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task Refused_client_credentials_refuse_the_query_at_once_and_the_secret_stays_out_of_the_error(int status)
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"code":"INVALID_CLIENT"}"""));

        var error = await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(9)));
        var refusal = await AskOverBusExpectingRefusalAsync(Question(TestIds.Make(9)));

        error.Message.ShouldNotContain(ClientSecret);
        error.Code.ShouldBe("INVALID_CLIENT");
        refusal.Code.ShouldBe("INVALID_CLIENT");
        Requests(TokenPath).ShouldBe(2);
        Requests(SinglePath).ShouldBe(0);
    }

    [Fact]
    public async Task A_throttled_token_request_waits_as_told_and_is_asked_again()
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .InScenario(Scenario).WillSetStateTo(Renewed)
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .InScenario(Scenario).WhenStateIs(Renewed)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{Token}}","token_type":"Bearer","expires_in":600}"""));
        GivenIncomeFor(Token);

        var (findings, _) = await FindAsync(TestIds.Make(10));

        findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        PauseBeforeSecondRequest().ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        Requests(TokenPath).ShouldBe(2);
    }

    [Fact]
    public async Task A_token_endpoint_that_stays_throttled_leaves_the_bureau_unavailable()
    {
        Configure("MaxRetryAttempts", "1");
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(429));

        await Should.ThrowAsync<AgencyUnavailableException>(() => FindAsync(TestIds.Make(11)));

        Requests(TokenPath).ShouldBe(2);
        Requests(SinglePath).ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"access_token":"t","token_type":"mac","expires_in":600}""")]
    [InlineData("""{"access_token":"t","token_type":"Bearer","expires_in":0}""")]
    [InlineData("""{"access_token":"","token_type":"Bearer","expires_in":600}""")]
    [InlineData("""{"token_type":"Bearer","expires_in":600}""")]
    public async Task A_token_answer_that_is_not_a_usable_bearer_token_is_rejected(string body)
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(body));

        await Should.ThrowAsync<AgencyRejectedException>(() => FindAsync(TestIds.Make(12)));

        Requests(SinglePath).ShouldBe(0);
    }

    [Fact]
    public async Task The_token_is_kept_until_shortly_before_it_expires_then_replaced()
    {
        GivenTokensInTurn("first", "second");
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        using var tokens = new TaxTokenProvider(
            Services,
            Services.GetRequiredService<IOptionsMonitor<TaxClientCredentials>>(),
            clock,
            NullLogger<TaxTokenProvider>.Instance);

        (await tokens.GetAsync(CancellationToken.None)).ShouldBe("first");
        clock.Advance(TimeSpan.FromSeconds(500));
        (await tokens.GetAsync(CancellationToken.None)).ShouldBe("first");
        clock.Advance(TimeSpan.FromSeconds(45));
        (await tokens.GetAsync(CancellationToken.None)).ShouldBe("second");

        Requests(TokenPath).ShouldBe(2);
    }

    [Fact]
    public void Missing_client_credentials_fail_start_up_naming_the_settings()
    {
        Configure("ClientSecret", null);

        var error = Should.Throw<OptionsValidationException>(() => Services.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("Agencies:Tax:ClientSecret");
        error.Message.ShouldNotContain("Agencies:Tax:ClientId");
    }

    private void GivenIncomeFor(string token) =>
        Server.Given(Request.Create().WithPath(SinglePath).UsingPost().WithHeader("Authorization", $"Bearer {token}")).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(RecordsJson(RecordJson)));

    private void GivenTokensInTurn(string first, string second)
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .InScenario(Scenario).WillSetStateTo(Renewed)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{first}}","token_type":"Bearer","expires_in":600}"""));
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .InScenario(Scenario).WhenStateIs(Renewed)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{second}}","token_type":"Bearer","expires_in":600}"""));
    }
}
