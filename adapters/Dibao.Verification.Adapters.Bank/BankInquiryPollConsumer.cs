using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Messaging;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Looks at a query's tickets once: reports when the bank has finished them all, otherwise schedules the next
/// look, waiting longer each time, until the bank's deadline has passed since submission. A ticket the bank refuses
/// (unknown, or an answer that cannot be read) refuses the whole query at once.
/// </summary>
internal sealed class BankInquiryPollConsumer(
    BankQuery query,
    BankPollScheduler scheduler,
    AgencyAnswerInbox inbox,
    BrokerSendTimeout sendTimeout,
    IOptionsMonitor<BankOptions> bankOptions,
    IOptionsMonitor<AgencyOptions> agencyOptions,
    TimeProvider time,
    ILogger<BankInquiryPollConsumer> logger) : IConsumer<BankInquiryPoll>
{
    public async Task Consume(ConsumeContext<BankInquiryPoll> context)
    {
        var poll = context.Message;
        var route = new AnswerRoute(poll.QuestionMessageId, poll.Source, poll.AnswerTo ?? AgencyAnswers.HubQueue);
        using var attempts = AttemptCounter.Start();
        var found = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        try
        {
            var inquiries = await CollectFinishedAsync(poll, found, context.CancellationToken);
            if (inquiries.TrueForAll(i => i.Completed))
            {
                await BankReport.SendAsync(context, inbox, route, poll.QueryId, poll.IdNumbers, found, poll.Attempts + attempts.Count, time, logger);
                return;
            }

            await ScheduleNextAsync(context, poll, route, inquiries, attempts.Count);
        }
        catch (AgencyUnavailableException ex)
        {
            // The bank's gateway failing is no reason to hold a consumer slot in message retries: look again later.
            logger.LogWarning(ex, "{Source} could not be asked about query {QueryId}; looking again later", poll.Source, poll.QueryId);
            await ScheduleNextAsync(context, poll, route, poll.Inquiries, attempts.Count);
        }
        catch (AgencyRejectedException ex)
        {
            await BankReport.RefuseAsync(context, inbox, route, poll.QueryId, ex, poll.Attempts + attempts.Count, time, logger);
        }
    }

    /// <summary>
    /// Asks about every ticket not yet done, all at once. Once all are done, tickets finished at earlier polls are read
    /// again, since their results were not carried along (balances stay out of scheduled messages).
    /// </summary>
    private async Task<List<BankInquiry>> CollectFinishedAsync(BankInquiryPoll poll, Dictionary<string, PersonFinding> found, CancellationToken cancellationToken)
    {
        var looked = await Task.WhenAll(poll.Inquiries.Select(async inquiry =>
            (Inquiry: inquiry, Findings: inquiry.Completed ? null : await query.CollectAsync(poll.Source, inquiry, cancellationToken))));
        var inquiries = looked.Select(l => l.Inquiry with { Completed = l.Inquiry.Completed || l.Findings is not null }).ToList();
        if (!inquiries.TrueForAll(i => i.Completed))
        {
            return inquiries;
        }

        foreach (var findings in looked.Select(l => l.Findings).OfType<IReadOnlyDictionary<string, PersonFinding>>())
        {
            Add(found, findings);
        }

        var again = await Task.WhenAll(poll.Inquiries.Where(i => i.Completed).Select(async inquiry =>
            await query.CollectAsync(poll.Source, inquiry, cancellationToken)
                ?? throw WireFormat.Unreadable($"{poll.Source} reported inquiry {inquiry.InquiryNo} processing after it had completed.")));
        foreach (var findings in again)
        {
            Add(found, findings);
        }

        return inquiries;
    }

    private async Task ScheduleNextAsync(
        ConsumeContext<BankInquiryPoll> context, BankInquiryPoll poll, AnswerRoute route, IReadOnlyList<BankInquiry> inquiries, int attempts)
    {
        var deadline = agencyOptions.Get(poll.Source).Deadline;
        if (time.GetUtcNow() - poll.SubmittedAt > deadline)
        {
            logger.LogWarning(
                "{Source} had not finished query {QueryId} within its deadline of {Deadline}; no longer asking",
                poll.Source,
                poll.QueryId,
                deadline);

            // Nothing will answer this question now; a duplicate of it may ask again.
            inbox.Forget(route);
            return;
        }

        var wait = bankOptions.CurrentValue.NextPoll(poll.Wait);
        using var send = sendTimeout.Start(context.CancellationToken);
        await scheduler.ScheduleAsync(
            context,
            wait,
            poll with { Inquiries = inquiries, Attempts = poll.Attempts + attempts, Wait = wait },
            send.Token);
    }

    private static void Add(Dictionary<string, PersonFinding> found, IReadOnlyDictionary<string, PersonFinding> findings)
    {
        foreach (var (idNumber, finding) in findings)
        {
            found[idNumber] = finding;
        }
    }
}
