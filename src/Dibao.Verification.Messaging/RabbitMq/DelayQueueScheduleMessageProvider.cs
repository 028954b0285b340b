using MassTransit;
using MassTransit.Scheduling;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// MassTransit's message scheduler on a RabbitMQ without the delayed-exchange plugin: a scheduled message waits in a delay
/// queue on the broker (<see cref="BrokerTopology"/>), so neither a process nor its memory holds the wait.
/// </summary>
public sealed class DelayQueueScheduleMessageProvider(ConsumeContext context, BrokerTopology topology, TimeProvider clock) : IScheduleMessageProvider
{
    public async Task<ScheduledMessage<T>> ScheduleSend<T>(
        Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var delay = scheduledTime.ToUniversalTime() - clock.GetUtcNow().UtcDateTime;
        var address = destinationAddress;
        if (delay > TimeSpan.Zero)
        {
            var target = destinationAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
            address = new Uri("exchange:" + await topology.EnsureDelayQueueAsync(target, delay, cancellationToken));
        }

        var endpoint = await context.GetSendEndpoint(address);
        await endpoint.Send(message, pipe, cancellationToken);
        return new ScheduledMessageHandle<T>(NewId.NextGuid(), scheduledTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => throw CannotCancel();

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) => throw CannotCancel();

    private static NotSupportedException CannotCancel() =>
        new("A message waiting in a delay queue cannot be cancelled; its consumer must ignore it when it arrives.");
}
