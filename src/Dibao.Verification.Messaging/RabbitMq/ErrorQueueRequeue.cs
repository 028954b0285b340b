using RabbitMQ.Client;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// Moves the messages of <c>QUEUE_error</c> back to <c>QUEUE</c>, one at a time: each is taken unacknowledged, published
/// straight into the queue with the broker's confirmation, and only then removed, so a failure midway loses none (at worst
/// one is in both). Body, message id and headers are kept, except MassTransit's record of the last failure and its
/// redelivery count, so the message gets its retries and redeliveries again. Only the messages there when the move began are
/// moved: one that fails again and returns meanwhile waits for the next move.
/// </summary>
public sealed class ErrorQueueRequeue(BrokerConnection broker)
{
    private static readonly string[] DroppedHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Redelivery-Count"];

    /// <returns>How many messages were moved.</returns>
    /// <exception cref="QueueNotFoundException">The queue or its error queue does not exist on the broker.</exception>
    public async Task<int> MoveAsync(string queue, CancellationToken cancellationToken)
    {
        var errorQueue = queue + ErrorQueues.Suffix;
        await EnsureExistsAsync(queue, cancellationToken);
        var waiting = await EnsureExistsAsync(errorQueue, cancellationToken);

        await using var channel = await broker.OpenChannelAsync(confirms: true, cancellationToken);
        var moved = 0;
        while (moved < waiting && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            if (properties.Headers is { } headers)
            {
                properties.Headers = headers
                    .Where(h => !DroppedHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.Ordinal)))
                    .ToDictionary(h => h.Key, h => h.Value);
            }

            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private async Task<uint> EnsureExistsAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await broker.OpenChannelAsync(confirms: false, cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            throw new QueueNotFoundException(queue);
        }
    }
}
