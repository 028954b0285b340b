using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// A bank question whose delivery the broker's going away cancelled while the bank was taking its inquiry is taken up by
/// the next delivery, which gets the ticket the bank gave rather than submitting the inquiry again.
/// </summary>
public sealed class BankCancelledDeliveryTests : BankTestHost, IDisposable
{
    private readonly BrokerAwayMidCall _broker;

    public BankCancelledDeliveryTests()
        : this(new BrokerAwayMidCall())
    {
    }

    private BankCancelledDeliveryTests(BrokerAwayMidCall broker)
        : base(broker.Configure)
    {
        _broker = broker;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task A_question_whose_delivery_was_cancelled_while_the_bank_took_its_inquiry_is_not_submitted_again()
    {
        var id = TestIds.Make(43);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithHeader("X-Api-Key", KeyOf(Icbc)))
            .RespondWith(Response.Create().WithStatusCode(202).WithBody(_broker.Answering("""{ "ticket": "T-C", "estimatedSeconds": 0 }""")));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-C")).UsingGet().WithHeader("X-Api-Key", KeyOf(Icbc)))
            .RespondWith(Json(200, Completed((id, []))));
        var question = Ask(Icbc, id);
        var messageId = Guid.NewGuid();
        var firstDelivery = await DeliveriesFinishedAsync(messageId, 1);

        await SendAsync(question, messageId);
        await firstDelivery;
        await SendAsync(question, messageId);
        var report = await ReportAsync(question);

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        _broker.Requests.ShouldBe(1, "the delivery after the cancelled one took up the ticket the bank had given");
    }

    [Fact]
    public async Task A_delivery_that_comes_while_the_cut_off_submission_still_runs_waits_for_it_and_the_first_still_looks()
    {
        var id = TestIds.Make(46);
        var ticketGiven = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithHeader("X-Api-Key", KeyOf(Icbc)))
            .RespondWith(Response.Create().WithStatusCode(202).WithBody(_broker.Answering("""{ "ticket": "T-D", "estimatedSeconds": 0 }""", ticketGiven.Task)));
        Server.Given(Request.Create().WithPath(TicketPath(Icbc, "T-D")).UsingGet().WithHeader("X-Api-Key", KeyOf(Icbc)))
            .RespondWith(Json(200, Completed((id, []))));
        var question = Ask(Icbc, id);
        var messageId = Guid.NewGuid();

        try
        {
            await SendAsync(question, messageId);
            await _broker.Gone.WaitAsync(Patience);
            var bothDone = await DeliveriesFinishedAsync(messageId, 2);
            await SendAsync(question, messageId);
            await Log.WaitForAsync("while an earlier delivery is handling it", Patience);
            ticketGiven.TrySetResult();
            await bothDone;
        }
        finally
        {
            ticketGiven.TrySetResult();
        }

        var report = await ReportAsync(question);

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        _broker.Requests.ShouldBe(1);
    }
}
