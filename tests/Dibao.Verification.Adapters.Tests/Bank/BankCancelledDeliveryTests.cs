using Dibao.Verification.Contracts.V1;
using MassTransit;
using MassTransit.Context;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Types;
using WireMock.Util;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// RabbitMQ cancels the deliveries a process holds when the broker goes away, and delivers them again once it is back.
/// A question whose delivery is cancelled while the bank is taking its inquiry is taken up by the next delivery, which
/// gets the ticket the bank gave, not a second submission.
/// </summary>
public sealed class BankCancelledDeliveryTests : BankTestHost, IDisposable
{
    private readonly CancelledAtSubmission _broker;

    public BankCancelledDeliveryTests()
        : this(new CancelledAtSubmission())
    {
    }

    private BankCancelledDeliveryTests(CancelledAtSubmission broker)
        : base(bus => bus.UseFilter(broker))
    {
        _broker = broker;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task A_question_whose_delivery_was_cancelled_while_the_bank_took_its_inquiry_is_not_submitted_again()
    {
        var id = TestIds.Make(43);
        Server.Given(Request.Create().WithPath(SubmitPath(Icbc)).UsingPost().WithHeader("X-Api-Key", KeyOf(Icbc)))
            .RespondWith(Response.Create().WithCallback(_broker.Submitted));
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
        _broker.Submissions.ShouldBe(1, "the delivery after the cancelled one took up the ticket the bank had given");
    }

    /// <summary>
    /// Stands for the broker going away: the first delivery of a question is cancelled the moment the bank has its
    /// inquiry, before the bank's ticket is back.
    /// </summary>
    private sealed class CancelledAtSubmission : IFilter<ConsumeContext>, IDisposable
    {
        private readonly CancellationTokenSource _away = new();
        private int _deliveries;
        private int _submissions;

        public int Submissions => Volatile.Read(ref _submissions);

        public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
        {
            var first = context.TryGetMessage<QueryAgency>(out _) && Interlocked.Increment(ref _deliveries) == 1;
            await next.Send(first ? new CancelledDelivery(context, _away.Token) : context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("cancelledAtSubmission");

        public void Dispose() => _away.Dispose();

        public async Task<IResponseMessage> Submitted(IRequestMessage request)
        {
            Interlocked.Increment(ref _submissions);
            await _away.CancelAsync();
            return new ResponseMessage
            {
                StatusCode = 202,
                BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = """{ "ticket": "T-C", "estimatedSeconds": 0 }""" },
            };
        }
    }

    /// <summary>A delivery under the given token, as a RabbitMQ delivery is under its channel's.</summary>
    private sealed class CancelledDelivery(ConsumeContext context, CancellationToken token) : ConsumeContextProxy(context)
    {
        public override CancellationToken CancellationToken => token;
    }
}
