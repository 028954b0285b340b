namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// A bus message stored in the same transaction as the change that caused it, and sent afterwards,
/// so a crash between the two neither loses the message nor sends one for a change that was rolled back.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string MessageType { get; init; }

    /// <summary>A queue to send to (<c>queue:agency-tax</c>); null to publish.</summary>
    public string? Destination { get; init; }

    public required string Body { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>
    /// Not to be sent until released: a question to an agency waits until the agency has room for it
    /// (<see cref="Verification.QueryRelease"/>), so a large batch never has more questions out than its agencies can answer.
    /// </summary>
    public bool Held { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not before this time: set after a failed send, so a message that cannot go out backs off alone.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    /// <summary>What went wrong the last time it could not be sent.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Put aside after too many failures: kept with its error for an operator, and not tried again until the dispatcher's
    /// next start or <see cref="OutboxOptions.ParkedRetryInterval"/>, which clear it with a fresh count of attempts.
    /// </summary>
    public DateTime? ParkedAtUtc { get; set; }

    /// <summary>The dispatcher, of whichever hub instance, that took the message to send it; see <see cref="OutboxClaims"/>.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claim holds: a message its dispatcher did not send by then (it died) is taken by another.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>The W3C traceparent of the span that stored the message, restored as the parent of its send.</summary>
    public string? TraceParent { get; init; }
}
