namespace Dibao.Verification.Host.Messaging;

/// <summary><c>Outbox</c>: how patiently a stored message that cannot be sent is tried again before it is parked.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Sends tried before the message is parked with its error.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The longest wait between two tries; waits double from one second up to it.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
