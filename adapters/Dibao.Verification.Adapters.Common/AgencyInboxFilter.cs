using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Logging;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Lets a question through to the adapter's consumer once per message id. It sits outside the message retry, so the
/// retries of one delivery are that delivery, not duplicates of it. A duplicate of a question already answered gets
/// that answer again. A duplicate of one whose delivery is still in a consumer of this process waits for that delivery
/// and then looks again: dropped, it would lose the question when that delivery fails, as one does when the broker drops
/// its channel mid-send (the broker delivers the question again because the first delivery can no longer be
/// acknowledged). A duplicate of a question handed on to later messages (a bank's polls) is dropped: those answer it.
/// </summary>
internal sealed class AgencyInboxFilter(AgencyAnswerInbox inbox, IQueueSendEndpoints endpoints, BrokerSendTimeout sendTimeout, ILogger<AgencyInboxFilter> logger)
    : IFilter<ConsumeContext<QueryAgency>>
{
    public async Task Send(ConsumeContext<QueryAgency> context, IPipe<ConsumeContext<QueryAgency>> next)
    {
        if (context.MessageId is not { } messageId)
        {
            await next.Send(context);
            return;
        }

        var question = context.Message;
        while (true)
        {
            switch (inbox.Admit(messageId, question.Agency, out var answer, out var handling))
            {
                case InboxVerdict.Answered:
                    logger.LogInformation("Query {QueryId} to {Agency} was delivered again; sending the answer it already had", question.QueryId, question.Agency);
                    var endpoint = await AgencyAnswers.EndpointAsync(endpoints, context, AgencyAnswers.DestinationFor(context), question.Agency);
                    using (var send = sendTimeout.Start(context.CancellationToken))
                    {
                        await endpoint.Send(answer!, send.Token);
                    }

                    return;

                case InboxVerdict.InFlight when handling is not null:
                    logger.LogInformation("Query {QueryId} to {Agency} was delivered again while an earlier delivery is handling it; waiting for that one", question.QueryId, question.Agency);
                    await handling.WaitAsync(context.CancellationToken);
                    continue;

                case InboxVerdict.InFlight:
                    logger.LogInformation("Query {QueryId} to {Agency} was delivered again while its answer is awaited from the agency; the earlier delivery answers", question.QueryId, question.Agency);
                    return;

                default:
                    try
                    {
                        await next.Send(context);
                    }
                    catch
                    {
                        // Retries are spent: a later delivery may ask again rather than wait on one that will never answer;
                        // or, when the agency did answer and the answer could not be sent, gets that answer (the inbox keeps it).
                        inbox.Forget(AnswerRoute.For(context));
                        throw;
                    }
                    finally
                    {
                        inbox.Handled(messageId, question.Agency);
                    }

                    return;
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("agencyInbox");
}
