using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Logging;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Lets a question through to the adapter's consumer once per message id. It sits outside the message retry, so the
/// retries of one delivery are that delivery, not duplicates of it. A duplicate of a question already answered gets
/// that answer again. A duplicate of one still being asked is dropped rather than made to wait: the first delivery
/// answers the same hub, waiting would hold a consumer slot for as long as the agency takes (hours for a bank), and
/// a bank's question is answered by a later message, not by the consumer that took it.
/// </summary>
internal sealed class AgencyInboxFilter(AgencyAnswerInbox inbox, IQueueSendEndpoints endpoints, ILogger<AgencyInboxFilter> logger) : IFilter<ConsumeContext<QueryAgency>>
{
    public async Task Send(ConsumeContext<QueryAgency> context, IPipe<ConsumeContext<QueryAgency>> next)
    {
        if (context.MessageId is not { } messageId)
        {
            await next.Send(context);
            return;
        }

        var question = context.Message;
        switch (inbox.Admit(messageId, question.Agency, out var answer))
        {
            case InboxVerdict.Answered:
                logger.LogInformation("Query {QueryId} to {Agency} was delivered again; sending the answer it already had", question.QueryId, question.Agency);
                var endpoint = await AgencyAnswers.EndpointAsync(endpoints, context, AgencyAnswers.DestinationFor(context), question.Agency);
                await endpoint.Send(answer!, context.CancellationToken);
                return;

            case InboxVerdict.InFlight:
                logger.LogInformation("Query {QueryId} to {Agency} was delivered again while still being asked; the first delivery answers", question.QueryId, question.Agency);
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

                return;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("agencyInbox");
}
