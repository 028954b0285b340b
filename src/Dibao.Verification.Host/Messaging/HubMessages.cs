using System.Text.Json;
using Dibao.Verification.Host.Operations.Telemetry;
using Dibao.Verification.Host.Persistence;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// The one place the hub emits bus messages. Messages join the caller's unit of work and leave
/// only after it commits (<see cref="OutboxDispatcher"/>): features never touch the bus directly.
/// </summary>
public sealed class HubMessages(HubDbContext db, OutboxSignal signal, HeldMessagesSignal releases, TimeProvider clock)
{
    private bool _held;

    public void Send<T>(T message, string queue) where T : class => Add(Guid.CreateVersion7(), message, "queue:" + queue, held: false);

    /// <summary>Stored now, sent once released (<see cref="OutboxMessage.Held"/>); <paramref name="id"/> is what releases it.</summary>
    public void SendHeld<T>(Guid id, T message, string queue) where T : class
    {
        Add(id, message, "queue:" + queue, held: true);
        _held = true;
    }

    public void Publish<T>(T message) where T : class => Add(Guid.CreateVersion7(), message, null, held: false);

    /// <summary>Wakes the dispatcher, and whatever releases held messages; call after the unit of work has been saved.</summary>
    public void Flush()
    {
        signal.Notify();
        if (_held)
        {
            releases.Notify();
            _held = false;
        }
    }

    private void Add<T>(Guid id, T message, string? destination, bool held) where T : class =>
        db.Outbox.Add(new OutboxMessage
        {
            Id = id,
            MessageType = typeof(T).FullName!,
            Destination = destination,
            Body = JsonSerializer.Serialize(message, HubJson.Options),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Held = held,
            TraceParent = HubTelemetry.CurrentTraceParent(),
        });
}
