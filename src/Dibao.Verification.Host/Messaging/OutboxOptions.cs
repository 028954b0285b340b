namespace Dibao.Verification.Host.Messaging;

/// <summary><c>Outbox</c>: how patiently a stored message that cannot be sent is tried again before it is parked, and how long one sent is kept.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Sends tried before the message is parked with its error.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The longest wait between two tries; waits double from one second up to it.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often parked messages are given another <see cref="MaxAttempts"/> (and at each start of the dispatcher): the
    /// attempts span about eight minutes, so a longer broker outage would otherwise leave every message stored during it
    /// parked for good. A message that is truly poison is parked again after its attempts.
    /// </summary>
    public TimeSpan ParkedRetryInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a page of messages claimed by one hub instance is left to it: ample for sending a page, and the longest a
    /// message claimed by an instance that died waits for another.
    /// </summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long sent messages are kept, for tracing what was sent, before they are deleted.</summary>
    public TimeSpan RetainSentFor { get; set; } = TimeSpan.FromDays(7);
}
