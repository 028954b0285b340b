using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// An adapter asks its agency, and every send of the answer fails until the delivery gives up: the question goes to the
/// error queue. Delivered again later, it gets the answer the inbox kept, not a second question to the agency.
/// </summary>
public sealed class AnswerSendFailedForGoodTests : AgencyTestHost
{
    private readonly AnswersLost _fault;

    public AnswerSendFailedForGoodTests()
        : this(new AnswersLost())
    {
    }

    private AnswerSendFailedForGoodTests(AnswersLost fault)
        : base(HousingFundAdapter.Code, HousingFundAdapter.ConfigurationSection, (bus, configuration) =>
        {
            bus.AddHousingFundAdapter(configuration);
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureSend(send => send.UseSendExecute(fault.Check));
                cfg.ConfigureEndpoints(context);
            });
        })
    {
        _fault = fault;
    }

    [Fact]
    public async Task A_question_delivered_again_after_its_answer_could_not_be_sent_gets_that_answer_without_asking_the_agency_again()
    {
        var id = TestIds.Make(44);
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{ "accounts": [] }"""));
        var (question, messageId) = (Question(HousingFundAdapter.Code, id), Guid.NewGuid());

        _fault.Lost = true;
        var first = await DeliveriesFinishedAsync(messageId, 1);
        await SendAsync(question, messageId);
        await first;
        Server.LogEntries.Count.ShouldBe(1);
        Answers(question).ShouldBeEmpty("every send of the first delivery failed");

        _fault.Lost = false;
        var second = await DeliveriesFinishedAsync(messageId, 1);
        await SendAsync(question, messageId);
        await second;

        Answers(question).ShouldHaveSingleItem().Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.NoRecords);
        Server.LogEntries.Count.ShouldBe(1, "the agency was asked by the first delivery only");
    }

    /// <summary>The answers to <paramref name="question"/> that reached the bus.</summary>
    private List<AgencyFindingsReported> Answers(QueryAgency question) =>
        [.. SentSoFar<AgencyFindingsReported>().Where(m => m.Exception is null && m.Context.Message.QueryId == question.QueryId).Select(m => m.Context.Message)];

    /// <summary>
    /// Every answer lost while <see cref="Lost"/>. Thrown as an agency's rejection, which the message retry passes over:
    /// the delivery gives up at once, as it would after the retry's minutes with the broker away.
    /// </summary>
    private sealed class AnswersLost
    {
        private volatile bool _lost;

        public bool Lost
        {
            get => _lost;
            set => _lost = value;
        }

        public void Check(SendContext context)
        {
            if (_lost && context is SendContext<AgencyFindingsReported>)
            {
                throw new AgencyRejectedException("BROKER_AWAY", "The broker is away.");
            }
        }
    }
}
