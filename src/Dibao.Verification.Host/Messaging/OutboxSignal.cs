namespace Dibao.Verification.Host.Messaging;

/// <summary>Wakes the <see cref="OutboxDispatcher"/>: messages were stored or released.</summary>
public sealed class OutboxSignal : WakeSignal;
