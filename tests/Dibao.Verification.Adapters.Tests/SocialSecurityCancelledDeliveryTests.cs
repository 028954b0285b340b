using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// A question whose delivery the broker's going away cancelled while the agency was answering it keeps that answer, and
/// the next delivery sends it rather than asking the agency again.
/// </summary>
public sealed class SocialSecurityCancelledDeliveryTests : SocialSecurityTestHost, IDisposable
{
    private readonly BrokerAwayMidCall _broker;

    public SocialSecurityCancelledDeliveryTests()
        : this(new BrokerAwayMidCall())
    {
    }

    private SocialSecurityCancelledDeliveryTests(BrokerAwayMidCall broker)
        : base(broker.Configure)
    {
        _broker = broker;
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task A_question_whose_delivery_was_cancelled_while_the_agency_answered_is_not_asked_again()
    {
        var id = TestIds.Make(44);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(_broker.Answering(PersonJson(id))));
        var question = Question(SocialSecurityAdapter.Code, id);
        var messageId = Guid.NewGuid();
        var firstDelivery = await DeliveriesFinishedAsync(messageId, 1);

        await SendAsync(question, messageId);
        await firstDelivery;
        await SendAsync(question, messageId);
        var report = await AnswerAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId);

        report.Findings.ShouldHaveSingleItem().Kind.ShouldBe(FindingKind.RecordsFound);
        _broker.Requests.ShouldBe(1, "the delivery after the cancelled one sent the answer the agency had given");
    }

    [Fact]
    public async Task A_delivery_that_comes_while_the_cut_off_call_still_runs_waits_and_gets_the_answer_the_first_was_given()
    {
        var id = TestIds.Make(45);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(_broker.Answering(PersonJson(id), answered.Task)));
        var question = Question(SocialSecurityAdapter.Code, id);
        var messageId = Guid.NewGuid();

        try
        {
            await SendAsync(question, messageId);
            await _broker.Gone.WaitAsync(Patience);
            var bothDone = await DeliveriesFinishedAsync(messageId, 2);
            await SendAsync(question, messageId);
            await Log.WaitForAsync("while an earlier delivery is handling it", Patience);
            answered.TrySetResult();
            await bothDone;
        }
        finally
        {
            answered.TrySetResult();
        }

        var reports = await AnswersAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId, 2);

        reports.ShouldAllBe(r => r.Findings.Single().Kind == FindingKind.RecordsFound);
        _broker.Requests.ShouldBe(1);
    }
}
