namespace Dibao.Verification.Host.Messaging;

/// <summary>Wakes what releases held messages (<see cref="OutboxMessage.Held"/>): some were stored, or room was made for them.</summary>
public sealed class HeldMessagesSignal : WakeSignal;
