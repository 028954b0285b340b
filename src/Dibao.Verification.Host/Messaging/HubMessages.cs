using System.Text.Json;
using Dibao.Verification.Host.Operations.Telemetry;
using Dibao.Verification.Host.Persistence;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// The one place the hub emits bus messages. Messages join the caller's unit of work and leave
/// only after it commits (<see cref="OutboxDispatcher"/>): features never touch the bus directly.
/// </summary>
public sealed class HubMessages(HubDbContext db, OutboxSignal signal, TimeProvider clock)
{
    public void Send<T>(T message, string queue) where T : class => Add(message, "queue:" + queue);

    public void Publish<T>(T message) where T : class => Add(message, null);

    /// <summary>Wakes the dispatcher; call after the unit of work has been saved.</summary>
    public void Flush() => signal.Notify();

    private void Add<T>(T message, string? destination) where T : class =>
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            MessageType = typeof(T).FullName!,
            Destination = destination,
            Body = JsonSerializer.Serialize(message, HubJson.Options),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            TraceParent = HubTelemetry.CurrentTraceParent(),
        });
}
