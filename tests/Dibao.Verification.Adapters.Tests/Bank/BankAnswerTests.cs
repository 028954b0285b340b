using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using MassTransit.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests.Bank;

public sealed class BankAnswerTests : BankTestHost
{
    private const string Scenario = "ticket";
    private const string Done = "done";

    [Fact]
    public async Task A_completed_inquiry_gives_each_persons_accounts_in_the_hubs_vocabulary()
    {
        var (rich, none) = (TestIds.Make(1), TestIds.Make(2));
        StubBank(Icbc, "T-1", Completed(
            (rich, [Account("6222****1234", "demand", 12345.67m), Account("6222****0001", "time", 50000m),
                Account("6222****0002", "wealth-management", 8000.5m), Account("6222****0003", "fund", 1.01m)]),
            (none, [])));

        var report = await AskOverBusAsync(Ask(Icbc, rich, none));

        report.Agency.ShouldBe("bank:ICBC");
        report.Findings.Select(f => f.IdNumber).ShouldBe([rich, none]);
        report.Findings[0].Kind.ShouldBe(FindingKind.RecordsFound);
        report.Findings[0].Facts.FinancialAccounts.ShouldBe(
        [
            new FinancialAccountFact("ICBC", "6222****1234", FinancialProduct.Demand, 12345.67m, "CNY"),
            new FinancialAccountFact("ICBC", "6222****0001", FinancialProduct.Time, 50000m, "CNY"),
            new FinancialAccountFact("ICBC", "6222****0002", FinancialProduct.WealthManagement, 8000.5m, "CNY"),
            new FinancialAccountFact("ICBC", "6222****0003", FinancialProduct.Fund, 1.01m, "CNY"),
        ]);
        report.Findings[1].Kind.ShouldBe(FindingKind.NoRecords);
        report.Findings[1].Facts.FinancialAccounts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_deposit_in_another_currency_keeps_its_currency()
    {
        var id = TestIds.Make(44);
        StubBank(Icbc, "T-FX", Completed((id, [Account("6222****1234", "demand", 100m), Account("6222****0001", "time", 3000m, " usd ")])));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Facts.FinancialAccounts.Select(a => (a.MaskedAccount, a.Currency))
            .ShouldBe([("6222****1234", "CNY"), ("6222****0001", "USD")]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(", \"currency\": null")]
    [InlineData(", \"currency\": \"\"")]
    [InlineData(", \"currency\": \" \"")]
    public async Task An_account_without_a_currency_is_reported_with_its_currency_unknown_not_as_yuan(string currency)
    {
        // Refusing the answer would lose every other account of up to a hundred persons; the policy sends this one to a person.
        var (holder, other) = (TestIds.Make(43), TestIds.Make(47));
        StubBank(Icbc, "T-C", Completed(
            (holder, [$$"""{ "account": "6222****1234", "product": "demand", "balance": 3000.00{{currency}} }""", Account("6222****0001", "time", 100m)]),
            (other, [Account("6222****0002", "demand", 50m)])));

        var report = await AskOverBusAsync(Ask(Icbc, holder, other));

        report.Findings.Select(f => f.Kind).ShouldBe([FindingKind.RecordsFound, FindingKind.RecordsFound]);
        report.Findings[0].Facts.FinancialAccounts.ShouldBe(
        [
            new FinancialAccountFact("ICBC", "6222****1234", FinancialProduct.Demand, 3000m, null),
            new FinancialAccountFact("ICBC", "6222****0001", FinancialProduct.Time, 100m, "CNY"),
        ]);
        report.Findings[1].Facts.FinancialAccounts.ShouldHaveSingleItem().Currency.ShouldBe("CNY");
    }

    [Fact]
    public async Task The_submission_names_each_person_under_an_inquiry_number_derived_from_the_query()
    {
        var id = TestIds.Make(3);
        StubBank(Icbc, "T-2", Completed((id, [])));
        var question = Ask(Icbc, id);

        await AskOverBusAsync(question);

        using var body = JsonDocument.Parse(Requests("POST", SubmitPath(Icbc)).Single().RequestMessage.Body!);
        body.RootElement.GetProperty("inquiryNo").GetString().ShouldBe($"{question.QueryId:N}-0");
        var person = body.RootElement.GetProperty("persons").EnumerateArray().ShouldHaveSingleItem();
        person.GetProperty("idNumber").GetString().ShouldBe(id);
        person.GetProperty("name").GetString().ShouldBe("测试人");
    }

    [Fact]
    public async Task A_ticket_still_processing_is_looked_at_again_until_completed()
    {
        var id = TestIds.Make(4);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-3"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-3")).UsingGet())
            .InScenario(Scenario).WillSetStateTo("once")
            .RespondWith(Json(200, """{ "status": "processing" }"""));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-3")).UsingGet())
            .InScenario(Scenario).WhenStateIs("once").WillSetStateTo(Done)
            .RespondWith(Json(200, """{ "status": "processing" }"""));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-3")).UsingGet())
            .InScenario(Scenario).WhenStateIs(Done)
            .RespondWith(Json(200, Completed((id, [Account("6222****1234", "demand", 10m)]))));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Facts.FinancialAccounts.ShouldHaveSingleItem().Balance.ShouldBe(10m);
        Requests("GET", TicketPath(Icbc, "T-3")).Count().ShouldBe(3);
        Requests("POST", SubmitPath(Icbc)).Count().ShouldBe(1);
        report.Attempts.ShouldBe(4);
    }

    [Fact]
    public async Task More_than_a_hundred_persons_go_in_inquiries_of_at_most_a_hundred_and_all_are_answered()
    {
        var ids = TestIds.Many(101);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithBody(b => b!.Contains("-0\"", StringComparison.Ordinal)))
            .RespondWith(Ticket("T-A"));
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithBody(b => b!.Contains("-1\"", StringComparison.Ordinal)))
            .RespondWith(Ticket("T-B"));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-A")).UsingGet())
            .RespondWith(Json(200, Completed([.. ids.Take(100).Select(id => (id, Array.Empty<string>()))])));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-B")).UsingGet())
            .RespondWith(Json(200, Completed((ids[100], [Account("6222****9999", "demand", 1m)]))));

        var report = await AskOverBusAsync(Ask(Icbc, ids));

        var sizes = Requests("POST", SubmitPath(Icbc))
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("persons").GetArrayLength())
            .Order();
        sizes.ShouldBe([1, 100]);
        report.Findings.Select(f => f.IdNumber).ShouldBe(ids);
        report.Findings.Count(f => f.Kind == FindingKind.NoRecords).ShouldBe(100);
        report.Findings[100].Kind.ShouldBe(FindingKind.RecordsFound);
    }

    [Fact]
    public async Task A_querys_inquiries_are_submitted_together_not_each_after_the_last_was_answered()
    {
        // The bank answers neither submission until it has received both. One after another, in either order, the
        // second would wait for the first's answer, which never comes, and no report would come within the patience.
        var ids = TestIds.Many(101);
        var (zero, one) = (Arrival(), Arrival());
        var both = Task.WhenAll(zero.Task, one.Task);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithBody(b => b!.Contains("-0\"", StringComparison.Ordinal)))
            .RespondWith(HeldTicket("T-S0", zero, both));
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithBody(b => b!.Contains("-1\"", StringComparison.Ordinal)))
            .RespondWith(HeldTicket("T-S1", one, both));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-S0")).UsingGet())
            .RespondWith(Json(200, Completed([.. ids.Take(100).Select(id => (id, Array.Empty<string>()))])));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-S1")).UsingGet())
            .RespondWith(Json(200, Completed((ids[100], []))));

        try
        {
            var report = await AskOverBusAsync(Ask(Icbc, ids));

            report.Findings.Count.ShouldBe(101);
            report.Findings.Select(f => f.IdNumber).ShouldBe(ids);
        }
        finally
        {
            zero.TrySetResult();
            one.TrySetResult();
        }

        static TaskCompletionSource Arrival() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        static IResponseBuilder HeldTicket(string ticket, TaskCompletionSource arrived, Task both) =>
            Response.Create().WithStatusCode(202).WithBody(async _ =>
            {
                arrived.TrySetResult();
                await both;
                return TicketJson(ticket);
            });
    }

    [Fact]
    public async Task Each_bank_is_asked_at_its_own_address_with_its_own_key_and_reports_on_its_own()
    {
        var id = TestIds.Make(5);
        StubBank(Icbc, "T-I", Completed((id, [Account("6222****1111", "demand", 100m)])));
        StubBank(Ccb, "T-C", Completed((id, [Account("6227****2222", "time", 200m)])));

        var (toIcbc, toCcb) = (Ask(Icbc, id), Ask(Ccb, id));
        await SendAsync(toIcbc);
        var ccb = await AskOverBusAsync(toCcb);
        var icbc = await ReportAsync(toIcbc);

        icbc.Agency.ShouldBe("bank:ICBC");
        icbc.Findings.ShouldHaveSingleItem().Facts.FinancialAccounts.ShouldHaveSingleItem().ShouldBe(new FinancialAccountFact("ICBC", "6222****1111", FinancialProduct.Demand, 100m, "CNY"));
        ccb.Agency.ShouldBe("bank:CCB");
        ccb.Findings.ShouldHaveSingleItem().Facts.FinancialAccounts.ShouldHaveSingleItem().ShouldBe(new FinancialAccountFact("CCB", "6227****2222", FinancialProduct.Time, 200m, "CNY"));
        Requests("POST", SubmitPath(Icbc)).ShouldHaveSingleItem().RequestMessage.Headers!["X-Api-Key"].ShouldBe([KeyOf(Icbc)]);
        Requests("POST", SubmitPath(Ccb)).ShouldHaveSingleItem().RequestMessage.Headers!["X-Api-Key"].ShouldBe([KeyOf(Ccb)]);
    }

    [Fact]
    public async Task A_question_sent_again_under_a_new_message_id_submits_the_same_inquiry_again()
    {
        var id = TestIds.Make(6);
        StubBank(Icbc, "T-R", Completed((id, [])));
        var question = Ask(Icbc, id);

        await SendAsync(question);
        await SendAsync(question);
        await ReportAsync(question);
        while (Requests("POST", SubmitPath(Icbc)).Count() < 2)
        {
            await Task.Delay(10);
        }

        Requests("POST", SubmitPath(Icbc))
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("inquiryNo").GetString())
            .Distinct().ShouldHaveSingleItem().ShouldBe($"{question.QueryId:N}-0");
    }

    [Fact]
    public async Task Malformed_numbers_are_refused_without_asking_and_the_rest_are_asked()
    {
        var good = TestIds.Make(7);
        StubBank(Icbc, "T-M", Completed((good, [])));

        var report = await AskOverBusAsync(Ask(Icbc, "12345", good));

        report.Findings[0].ShouldBe(PersonFindings.Refused("12345", RefusalCodes.MalformedIdNumber), new FindingComparer());
        report.Findings[1].Kind.ShouldBe(FindingKind.NoRecords);
        JsonDocument.Parse(Requests("POST", SubmitPath(Icbc)).Single().RequestMessage.Body!).RootElement
            .GetProperty("persons").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task When_every_number_is_malformed_the_bank_is_not_asked_at_all()
    {
        var report = await AskOverBusAsync(Ask(Icbc, "not-a-number"));

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.Refused);
        report.Attempts.ShouldBe(0);
        Server.LogEntries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("gold", 1)]
    [InlineData("demand", -40000)]
    public async Task An_account_the_adapter_cannot_read_refuses_that_person_alone_and_the_others_are_reported(string product, int balance)
    {
        // An unknown product is not guessed, and a negative balance does not offset the holder's other deposits: the
        // holder's assets stay unknown, so the household goes to a caseworker, and the other persons of the inquiry are read.
        var (holder, other) = (TestIds.Make(13), TestIds.Make(45));
        StubBank(Icbc, "T-P", Completed(
            (holder, [Account("6222****1234", "demand", 50000m), Account("6222****0001", product, balance)]),
            (other, [Account("6222****0002", "demand", 50m)])));

        var report = await AskOverBusAsync(Ask(Icbc, holder, other));

        report.Findings.Select(f => (f.IdNumber, f.Kind, f.RefusalCode)).ShouldBe(
        [
            (holder, FindingKind.Refused, QueryRefusalCodes.UnreadableAnswer),
            (other, FindingKind.RecordsFound, null),
        ]);
        report.Findings[0].Facts.FinancialAccounts.ShouldBeEmpty();
        report.Findings[1].Facts.FinancialAccounts.ShouldHaveSingleItem().Balance.ShouldBe(50m);
        SentSoFar<AgencyQueryRefused>().ShouldBeEmpty();
    }
}
