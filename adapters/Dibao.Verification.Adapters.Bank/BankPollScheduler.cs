using MassTransit;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Puts the next look at a bank's tickets back on the adapter's own queue after a wait, without anything
/// waiting in a consumer. Uses the bus's message scheduler when one is configured (the in-memory transport's
/// delayed delivery, Quartz, a broker plugin). Without one, as on RabbitMQ lacking the delayed-exchange plugin,
/// the poll is sent after an in-process timer: no thread, connection or consumer slot is held, but a restart
/// forgets the wait, as Quartz's in-memory store would, and the hub's deadline then settles the bank's answer.
/// </summary>
internal sealed class BankPollScheduler(IBus bus, ILogger<BankPollScheduler> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public async Task ScheduleAsync(ConsumeContext context, TimeSpan wait, BankInquiryPoll poll)
    {
        if (context.TryGetPayload<MessageSchedulerContext>(out var scheduler))
        {
            await scheduler.ScheduleSend(wait, poll, context.CancellationToken);
            return;
        }

        var endpoint = await bus.GetSendEndpoint(context.ReceiveContext.InputAddress);
        _ = SendLaterAsync(endpoint, wait, poll);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task SendLaterAsync(ISendEndpoint endpoint, TimeSpan wait, BankInquiryPoll poll)
    {
        try
        {
            await Task.Delay(wait, _stopping.Token);
            await endpoint.Send(poll, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("Stopping before looking again at {Source}'s tickets for query {QueryId}", poll.Source, poll.QueryId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Could not schedule the next look at {Source}'s tickets for query {QueryId}", poll.Source, poll.QueryId);
        }
    }
}
