namespace Dibao.Verification.Host.Audit;

/// <summary>
/// One entry of the audit trail: who did what to whom, and when. Entries are only appended (<see cref="AuditTrail"/>),
/// each numbered one after the previous and chained to it by <see cref="Hash"/>, so an entry edited, deleted or inserted
/// afterwards breaks the chain (<see cref="AuditVerifier"/>). A person is named by a keyed hash of their identity number,
/// never by the number.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxSubjectLength = 256;
    public const int MaxOutcomeLength = 128;
    public const int MaxDetailLength = 1000;

    /// <summary>1, 2, 3, … with no gap: assigned when appended, under the chain head's lock.</summary>
    public long Sequence { get; set; }

    /// <summary>When it happened, to the microsecond, which every provider keeps exactly.</summary>
    public DateTime AtUtc { get; init; }

    /// <summary>One of <see cref="AuditKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The user who did it or caused it (the submitter of a batch for its agency queries).</summary>
    public required string User { get; init; }

    public string? Role { get; init; }

    /// <summary>The caller's jurisdiction code.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>The township (or the list's jurisdiction) of what was touched: an auditor sees the entries within theirs.</summary>
    public required string Township { get; init; }

    /// <summary>What was touched: <c>household:&lt;id&gt;</c>, <c>case:&lt;id&gt;</c>, <c>batch:&lt;id&gt;</c>, a path for lists.</summary>
    public string? Subject { get; init; }

    /// <summary>Why an agency was asked: the batch's purpose, or <c>correction</c>, <c>reverification</c>.</summary>
    public string? Purpose { get; init; }

    /// <summary>The person concerned, as <see cref="PersonHasher"/> hashes the identity number.</summary>
    public string? PersonHash { get; init; }

    /// <summary>The source asked (<c>tax</c>, <c>bank:ICBC</c>).</summary>
    public string? Agency { get; init; }

    /// <summary>In summary, what came of it: <c>answered:no-records</c>, <c>refused:&lt;code&gt;</c>, <c>unavailable</c>, <c>confirm</c>, <c>404</c>, …</summary>
    public string? Outcome { get; init; }

    /// <summary>Anything else worth keeping, never personal data: the query and when it was sent, a tier, a request path.</summary>
    public string? Detail { get; init; }

    public string PreviousHash { get; set; } = "";

    /// <summary>SHA-256, in lower-case hex, of <see cref="PreviousHash"/> and this entry's canonical content (<see cref="AuditChain"/>).</summary>
    public string Hash { get; set; } = "";

    /// <summary>A text cut to what its column keeps, before it is hashed, so the stored entry hashes as appended.</summary>
    public static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
