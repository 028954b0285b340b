using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Messaging;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Submits a query's inquiries to the one bank it names and schedules the first look at the tickets, then lets go:
/// no thread, connection or consumer slot waits while the bank works. The question stays in the inbox unanswered
/// until the last poll answers it, so a duplicate meanwhile is not submitted again.
/// </summary>
internal sealed class BankQueryConsumer(
    BankQuery query,
    BankPollScheduler scheduler,
    SubmittedInquiries submitted,
    AgencyAnswerInbox inbox,
    BrokerSendTimeout sendTimeout,
    IOptionsMonitor<BankOptions> options,
    TimeProvider time,
    ILogger<BankQueryConsumer> logger) : IConsumer<QueryAgency>
{
    public async Task Consume(ConsumeContext<QueryAgency> context)
    {
        var question = context.Message;
        var route = AnswerRoute.For(context);
        using var attempts = AttemptCounter.Start();
        try
        {
            await SubmitAsync(context, route, attempts);
        }
        catch (AgencyRejectedException ex)
        {
            await BankReport.RefuseAsync(context, inbox, route, question.QueryId, ex, attempts.Count, time, logger);
        }
    }

    private async Task SubmitAsync(ConsumeContext<QueryAgency> context, AnswerRoute route, AttemptCounter attempts)
    {
        var question = context.Message;
        var source = question.Agency;
        var bankCode = BankAdapter.BankOf(source);
        if (bankCode is null || !options.CurrentValue.Banks.Exists(b => b.Code == bankCode))
        {
            throw new AgencyRejectedException(QueryRefusalCodes.UnaskableQuestion, $"The bank adapter was asked as '{source}', which names no configured bank.");
        }

        foreach (var person in question.Persons.Where(p => !IdentityNumberFormat.IsWellFormed(p.IdNumber)))
        {
            logger.LogWarning("Not asking {Source} about malformed identity number {IdNumber}", source, IdentityNumberFormat.Mask(person.IdNumber));
        }

        // A retry after the first look could not be scheduled, or a delivery of the question after this one was cancelled,
        // takes up what it submitted, rather than asking the bank again.
        if (!submitted.TryGet(question.QueryId, out var made))
        {
            // Not under the delivery's token: the broker going away cancels the deliveries in hand, and a submission
            // cancelled once the bank had it would lose its ticket, so the question redelivered after the broker's
            // return would ask the bank again. Kept instead, it is taken up by that delivery. The agency's attempt
            // timeout and retries bound the wait.
            made = await query.SubmitAsync(source, question.QueryId, question.Persons, CancellationToken.None);
            submitted.Keep(question.QueryId, made);
        }

        var (inquiries, estimate) = made;
        var idNumbers = question.Persons.Select(p => p.IdNumber).ToList();
        if (inquiries.Count == 0)
        {
            await BankReport.SendAsync(context, inbox, route, question.QueryId, idNumbers, new Dictionary<string, PersonFinding>(), attempts.Count, time, logger);
            submitted.Done(question.QueryId);
            return;
        }

        // Not under the delivery's token either: this delivery schedules the look even when the broker going away
        // cancelled it, rather than leave it to the question delivered again once the broker is back.
        var wait = options.CurrentValue.FirstPoll(estimate);
        using var send = sendTimeout.Start();
        await scheduler.ScheduleAsync(
            context,
            wait,
            new BankInquiryPoll(question.QueryId, source, idNumbers, inquiries, attempts.Count, time.GetUtcNow(), wait, route.QuestionMessageId, route.Destination),
            send.Token);
        submitted.Done(question.QueryId);
        logger.LogInformation("{Source} took {Inquiries} inquiries for query {QueryId}; looking again in {Wait}", source, inquiries.Count, question.QueryId, wait);
    }
}
