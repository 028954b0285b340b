using Dibao.Verification.Adapters.Common;
using WireMock.RequestBuilders;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>Answers that asking again cannot change: the query faults at once, and nothing is asked twice.</summary>
public sealed class BankRefusalTests : BankTestHost
{
    [Fact]
    public async Task Too_many_persons_is_a_rejection_not_retried()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Json(400, """{"code":"TOO_MANY_PERSONS"}"""));

        var error = await AskExpectingFaultAsync(Ask(Icbc, TestIds.Make(10)));

        error.ExceptionType.ShouldBe(typeof(AgencyRejectedException).FullName);
        error.Message.ShouldContain("TOO_MANY_PERSONS");
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_key_is_a_rejection_not_retried_and_never_echoes_the_key()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Json(401, """{"code":"UNAUTHORIZED"}"""));

        var error = await AskExpectingFaultAsync(Ask(Icbc, TestIds.Make(11)));

        error.ExceptionType.ShouldBe(typeof(AgencyRejectedException).FullName);
        error.Message.ShouldNotContain(KeyOf(Icbc));
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_ticket_is_a_rejection_not_retried()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-GONE"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-GONE")).UsingGet()).RespondWith(Json(404, "{}"));

        var error = await AskExpectingFaultAsync(Ask(Icbc, TestIds.Make(12)));

        error.ExceptionType.ShouldBe(typeof(AgencyRejectedException).FullName);
        Requests("GET", TicketPath(Icbc, "T-GONE")).Count().ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_product_is_not_guessed()
    {
        var id = TestIds.Make(13);
        StubBank(Icbc, "T-P", Completed((id, [Account("6222****1234", "gold", 1m)])));

        var error = await AskExpectingFaultAsync(Ask(Icbc, id));

        error.Message.ShouldContain("gold");
        error.Message.ShouldNotContain(id);
    }

    [Fact]
    public async Task A_person_left_out_of_a_completed_inquiry_is_the_banks_error_not_no_accounts()
    {
        var (listed, missing) = (TestIds.Make(14), TestIds.Make(15));
        StubBank(Icbc, "T-L", Completed((listed, [])));

        var error = await AskExpectingFaultAsync(Ask(Icbc, listed, missing));

        error.ExceptionType.ShouldBe(typeof(AgencyRejectedException).FullName);
        error.Message.ShouldNotContain(missing);
    }

    [Fact]
    public async Task A_person_not_asked_about_is_the_banks_error()
    {
        var asked = TestIds.Make(16);
        StubBank(Icbc, "T-X", Completed((asked, []), (TestIds.Make(17), [])));

        var error = await AskExpectingFaultAsync(Ask(Icbc, asked));

        error.ExceptionType.ShouldBe(typeof(AgencyRejectedException).FullName);
    }

    [Fact]
    public async Task An_unknown_status_is_not_guessed()
    {
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-S"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-S")).UsingGet()).RespondWith(Json(200, """{ "status": "failed" }"""));

        var error = await AskExpectingFaultAsync(Ask(Icbc, TestIds.Make(18)));

        error.Message.ShouldContain("failed");
    }

    [Fact]
    public async Task A_bank_that_is_not_configured_is_not_asked()
    {
        var error = await AskExpectingFaultAsync(Ask("ABC", TestIds.Make(19)));

        error.ExceptionType.ShouldBe(typeof(AgencyRejectedException).FullName);
        Server.LogEntries.ShouldBeEmpty();
    }
}
