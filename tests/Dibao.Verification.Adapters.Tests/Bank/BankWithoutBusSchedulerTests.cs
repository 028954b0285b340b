using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>A bus that cannot delay messages (RabbitMQ without the delayed-exchange plugin) still gets its polls.</summary>
public sealed class BankWithoutBusSchedulerTests() : BankTestHost(busScheduler: false)
{
    [Fact]
    public async Task A_processing_ticket_is_looked_at_again_after_the_adapters_own_delay()
    {
        var id = TestIds.Make(30);
        var collect = Request.Create().WithPath(TicketPath(Icbc, "T-1")).UsingGet();
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost()).RespondWith(Ticket("T-1"));
        Server.Given(collect).InScenario("ticket").WillSetStateTo("done").RespondWith(Json(200, """{ "status": "processing" }"""));
        Server.Given(collect).InScenario("ticket").WhenStateIs("done").RespondWith(Json(200, Completed((id, [Account("6222****1234", "time", 5m)]))));

        var report = await AskOverBusAsync(Ask(Icbc, id));

        report.Findings.ShouldHaveSingleItem().Facts.FinancialAccounts.ShouldHaveSingleItem().Product.ShouldBe(FinancialProduct.Time);
        Requests("GET", TicketPath(Icbc, "T-1")).Count().ShouldBe(2);
    }
}
