using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// Answers that asking again cannot change: the hub is told the query was refused as soon as the bank refuses it,
/// at submission or at collection, and nothing is asked twice.
/// </summary>
public sealed class BankRefusalTests : BankTestHost
{
    [Fact]
    public async Task Too_many_persons_is_refused_under_the_banks_code_and_not_retried()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Json(400, """{"code":"TOO_MANY_PERSONS"}"""));
        var question = Ask(Icbc, TestIds.Make(10));

        var refusal = await AskOverBusExpectingRefusalAsync(question);

        refusal.Agency.ShouldBe("bank:ICBC");
        refusal.Code.ShouldBe("TOO_MANY_PERSONS");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_key_is_refused_under_the_banks_code_and_never_echoes_the_key()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Json(401, """{"code":"UNAUTHORIZED"}"""));

        var refusal = await AskOverBusExpectingRefusalAsync(Ask(Icbc, TestIds.Make(11)));

        refusal.Code.ShouldBe("UNAUTHORIZED");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_ticket_refuses_the_query_and_is_not_asked_again()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-GONE"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-GONE")).UsingGet()).RespondWith(Json(404, "{}"));

        var refusal = await AskOverBusExpectingRefusalAsync(Ask(Icbc, TestIds.Make(12)));

        refusal.Code.ShouldBe("HTTP_404");
        Requests("GET", TicketPath(Icbc, "T-GONE")).Count().ShouldBe(1);
        SentSoFar<AgencyFindingsReported>().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{ "status": "completed", "results": [null] }""")]
    [InlineData("""{ "status": "completed", "results": [{ "idNumber": "{id}", "accounts": [null] }] }""")]
    [InlineData("""{ "status": "completed", "results": [{ "idNumber": "{id}", "accounts": [{ "account": "6222****1234", "product": "demand", "balance": "12345.67", "currency": "CNY" }] }] }""")]
    [InlineData("""{ "status": "completed", "results": [{ "idNumber": "{id}", "accounts": [{ "account": "6222****1234", "product": "demand", "balance": 1.00, "balance": 99999.00, "currency": "CNY" }] }] }""")]
    public async Task What_the_interface_does_not_allow_is_refused_at_once_not_guessed_or_retried(string completed)
    {
        var id = TestIds.Make(46);
        StubBank(Icbc, "T-W", completed.Replace("{id}", id, StringComparison.Ordinal));

        var refusal = await AskOverBusExpectingRefusalAsync(Ask(Icbc, id));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
        Requests("GET", TicketPath(Icbc, "T-W")).Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_person_left_out_of_a_completed_inquiry_is_the_banks_error_not_no_accounts()
    {
        var (listed, missing) = (TestIds.Make(14), TestIds.Make(15));
        StubBank(Icbc, "T-L", Completed((listed, [])));

        var refusal = await AskOverBusExpectingRefusalAsync(Ask(Icbc, listed, missing));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
        SentSoFar<AgencyFindingsReported>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_person_not_asked_about_is_the_banks_error()
    {
        var asked = TestIds.Make(16);
        StubBank(Icbc, "T-X", Completed((asked, []), (TestIds.Make(17), [])));

        var refusal = await AskOverBusExpectingRefusalAsync(Ask(Icbc, asked));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
    }

    [Fact]
    public async Task An_unknown_status_is_not_guessed()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-S"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-S")).UsingGet()).RespondWith(Json(200, """{ "status": "failed" }"""));

        var refusal = await AskOverBusExpectingRefusalAsync(Ask(Icbc, TestIds.Make(18)));

        refusal.Code.ShouldBe(QueryRefusalCodes.UnreadableAnswer);
        Requests("GET", TicketPath(Icbc, "T-S")).Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_bank_that_is_not_configured_is_not_asked()
    {
        var refusal = await AskOverBusExpectingRefusalAsync(Ask("ABC", TestIds.Make(19)));

        refusal.Agency.ShouldBe("bank:ABC");
        refusal.Code.ShouldBe(QueryRefusalCodes.UnaskableQuestion);
        Server.LogEntries.ShouldBeEmpty();
    }
}
