using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// Declares what the hub needs on the broker beyond MassTransit's receive endpoints: the queues it sends to by name, with
/// the configured queue type, and the delay queues that keep scheduled messages without the delayed-exchange plugin.
/// </summary>
/// <remarks>
/// A delay queue holds messages for one fixed time (<c>x-message-ttl</c>), so the oldest always expires first, then
/// dead-letters them into its target queue through the target's own exchange. Its name says both: <c>agency-bank_wait_2000</c>
/// waits two seconds before <c>agency-bank</c>, and starts with the target's name, so a broker user permitted only the names
/// of its own queues (an agency host's) may declare it. Not through the default exchange: writing to that would let any
/// user publish into any queue. (The name changed with the dead-letter exchange, as a queue keeps its first arguments.) Delays are rounded up (to 100 ms below ten seconds, to a second above) so a
/// few queues serve every wait, and a queue nobody has declared for an hour past its delay is removed by the broker
/// (<c>x-expires</c>). Quorum delay queues dead-letter at least once, so a message is not lost between the two queues,
/// not even across a broker restart (classic ones lost bank polls there); <c>deploy/rabbitmq/advanced.config</c> shortens
/// how long the broker waits before it moves a message again that its target did not confirm.
/// </remarks>
public sealed class BrokerTopology(BrokerConnection broker, RabbitMqOptions options, TimeProvider clock) : IDisposable
{
    /// <summary>Between a delay queue's target and its delay in milliseconds.</summary>
    public const string DelaySuffix = "_wait_";

    private static readonly TimeSpan Redeclare = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan KeptUnused = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _declared = new(StringComparer.Ordinal);

    /// <summary>
    /// One declaration at a time: the consumers of a busy endpoint all want the same delay queue at first, and RabbitMQ 3.10
    /// refused messages sent to a new quorum queue that several channels were still declaring.
    /// </summary>
    private readonly SemaphoreSlim _declaring = new(1, 1);

    /// <summary>The queue's arguments exactly as the receive endpoints declare them, so either side may declare first.</summary>
    public Dictionary<string, object?> QueueArguments() =>
        options.QueueType == RabbitMqQueueType.Quorum ? new() { [Headers.XQueueType] = "quorum" } : [];

    /// <summary>The queue and its exchange (bound as MassTransit binds them), so a message sent before its consumer ever ran waits for it.</summary>
    public async Task EnsureQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (_declared.ContainsKey(queue))
        {
            return;
        }

        await DeclareAsync(queue, QueueArguments(), cancellationToken);
        _declared[queue] = clock.GetUtcNow();
    }

    /// <returns>The name of the delay queue, and of its exchange, that delivers into <paramref name="target"/> after <paramref name="delay"/>.</returns>
    public async Task<string> EnsureDelayQueueAsync(string target, TimeSpan delay, CancellationToken cancellationToken)
    {
        var milliseconds = (long)Round(delay).TotalMilliseconds;
        var name = $"{target}{DelaySuffix}{milliseconds}";
        var now = clock.GetUtcNow();
        if (_declared.TryGetValue(name, out var declared) && now - declared < Redeclare)
        {
            return name;
        }

        await _declaring.WaitAsync(cancellationToken);
        try
        {
            if (_declared.TryGetValue(name, out declared) && now - declared < Redeclare)
            {
                return name;
            }

            // The target first: a message dead-lettered to a queue that does not exist is dropped.
            await EnsureQueueAsync(target, cancellationToken);
            var arguments = QueueArguments();
            arguments[Headers.XMessageTTL] = milliseconds;
            arguments[Headers.XDeadLetterExchange] = target;

            // Counted from the last declaration, which is at most Redeclare before the last message went in.
            arguments[Headers.XExpires] = milliseconds + (long)(Redeclare + KeptUnused).TotalMilliseconds;
            if (options.QueueType == RabbitMqQueueType.Quorum)
            {
                arguments["x-dead-letter-strategy"] = "at-least-once";
                arguments[Headers.XOverflow] = "reject-publish";
            }

            await DeclareAsync(name, arguments, cancellationToken);
            _declared[name] = now;
            return name;
        }
        finally
        {
            _declaring.Release();
        }
    }

    public void Dispose() => _declaring.Dispose();

    /// <summary>Up to 10 s in steps of 100 ms, beyond in whole seconds.</summary>
    public static TimeSpan Round(TimeSpan delay)
    {
        var step = delay < TimeSpan.FromSeconds(10) ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        var steps = Math.Max(1, (long)Math.Ceiling(delay.Ticks / (double)step.Ticks));
        return step * steps;
    }

    private async Task DeclareAsync(string queue, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        await using var channel = await broker.OpenChannelAsync(confirms: false, cancellationToken);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, queue, string.Empty, cancellationToken: cancellationToken);
    }
}
