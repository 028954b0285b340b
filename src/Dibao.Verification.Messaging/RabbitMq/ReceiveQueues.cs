using System.Collections.Concurrent;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>The queues this process consumes, recorded as MassTransit configures their endpoints; their <c>_error</c> queues are watched.</summary>
public sealed class ReceiveQueues
{
    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => [.. _names.Keys.Order(StringComparer.Ordinal)];

    public void Add(string queue) => _names.TryAdd(queue, true);
}
