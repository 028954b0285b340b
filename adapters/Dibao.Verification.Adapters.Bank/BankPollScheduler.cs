using MassTransit;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Puts the next look at a bank's tickets back on the adapter's own queue after a wait, without anything waiting in a
/// consumer or in process memory: the bus's message scheduler keeps the wait (the in-memory transport's delayed delivery,
/// or the broker's delay queues on RabbitMQ), so the poll survives a restart of any process.
/// </summary>
internal sealed class BankPollScheduler
{
    public async Task ScheduleAsync(ConsumeContext context, TimeSpan wait, BankInquiryPoll poll, CancellationToken cancellationToken)
    {
        if (!context.TryGetPayload<MessageSchedulerContext>(out var scheduler))
        {
            // A wait held in memory would be lost with the process and leave the bank's answer to the hub's deadline.
            throw new InvalidOperationException("The bank adapter needs the bus's message scheduler to wait for a bank; none is configured on this endpoint.");
        }

        await scheduler.ScheduleSend(wait, poll, cancellationToken);
    }
}
