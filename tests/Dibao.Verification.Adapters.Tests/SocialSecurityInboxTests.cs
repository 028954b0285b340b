using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>A question delivered again under the same message id never reaches the agency again.</summary>
public sealed class SocialSecurityInboxTests : SocialSecurityTestHost
{
    [Fact]
    public async Task A_question_sent_again_after_its_answer_gets_the_same_answer_without_asking()
    {
        var id = TestIds.Make(1);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));
        var (question, messageId) = (Question(SocialSecurityAdapter.Code, id), Guid.NewGuid());

        await SendAsync(question, messageId);
        var first = await AnswerAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId);
        await SendAsync(question, messageId);
        var answers = await AnswersAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId, 2);

        answers[1].ShouldBeSameAs(first);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refusal_is_sent_again_without_asking()
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401));
        var (question, messageId) = (Question(SocialSecurityAdapter.Code, TestIds.Make(2)), Guid.NewGuid());

        await SendAsync(question, messageId);
        await AnswerAsync<AgencyQueryRefused>(m => m.QueryId == question.QueryId);
        await SendAsync(question, messageId);
        var refusals = await AnswersAsync<AgencyQueryRefused>(m => m.QueryId == question.QueryId, 2);

        refusals[1].ShouldBe(refusals[0]);
        Server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_duplicate_arriving_while_the_agency_is_still_being_asked_waits_and_gets_the_first_answer()
    {
        Configure("AttemptTimeout", "00:01:00");
        var id = TestIds.Make(3);
        var arrived = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var calls = 0;
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(async _ =>
        {
            // Only the first call is held, so a duplicate that got through would come back at once and be counted.
            if (Interlocked.Increment(ref calls) == 1)
            {
                arrived.TrySetResult();
                await release.Task;
            }

            return PersonJson(id);
        }));
        var (question, messageId) = (Question(SocialSecurityAdapter.Code, id), Guid.NewGuid());

        var bothDone = await DeliveriesFinishedAsync(messageId, 2);
        try
        {
            await SendAsync(question, messageId);
            await arrived.Task.WaitAsync(Patience);
            await SendAsync(question, messageId);
            await Log.WaitForAsync("while an earlier delivery is handling it", Patience);
        }
        finally
        {
            release.TrySetResult();
        }

        await bothDone;
        var answers = await AnswersAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId, 2);

        Volatile.Read(ref calls).ShouldBe(1);
        answers[1].ShouldBeSameAs(answers[0]);
    }

    [Fact]
    public async Task The_same_question_under_a_new_message_id_is_asked_again()
    {
        var id = TestIds.Make(4);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));
        var question = Question(SocialSecurityAdapter.Code, id);

        await SendAsync(question, Guid.NewGuid());
        await SendAsync(question, Guid.NewGuid());
        await AnswersAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId, 2);

        Server.LogEntries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_question_without_a_message_id_is_simply_asked()
    {
        var id = TestIds.Make(5);
        Server.Given(Request.Create().WithPath(SinglePath + id).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PersonJson(id)));
        var question = Question(SocialSecurityAdapter.Code, id);
        var endpoint = await AgencyQueueAsync();

        await endpoint.Send(question, context => context.MessageId = null);
        await endpoint.Send(question, context => context.MessageId = null);
        await AnswersAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId, 2);

        Server.LogEntries.Count.ShouldBe(2);
    }
}
