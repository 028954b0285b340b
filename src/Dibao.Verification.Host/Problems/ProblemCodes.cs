namespace Dibao.Verification.Host.Problems;

/// <summary>
/// The stable <c>code</c> of every refusal, also its problem <c>type</c> (<c>urn:dibao:problem:CODE</c>): a client tells a
/// stale version from a forbidden action by it, never by the wording of <c>detail</c>.
/// </summary>
public static class ProblemCodes
{
    public const string Unauthenticated = "unauthenticated";
    public const string RoleNotPermitted = "role-not-permitted";

    /// <summary>A submission for another township than the caller's. Reading something outside answers <see cref="NotFound"/>.</summary>
    public const string OutsideJurisdiction = "outside-jurisdiction";

    /// <summary>A decision whose <c>tier</c> disagrees with the caller's role.</summary>
    public const string TierMismatch = "tier-mismatch";

    /// <summary>The caller already signed another tier of the case.</summary>
    public const string SecondSignature = "second-signature";

    public const string NotFound = "not-found";
    public const string InvalidRequest = "invalid-request";
    public const string BatchRefused = "batch-refused";
    public const string BodyTooLarge = "body-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>An <c>Idempotency-Key</c> the township used before for a batch of other households.</summary>
    public const string SubmissionKeyReused = "idempotency-key-reused";
    public const string RateLimited = "rate-limited";

    /// <summary>The case changed since the version the client sent, or under a concurrent decision.</summary>
    public const string StaleVersion = "stale-version";

    public const string CaseNotAtTier = "case-not-at-tier";

    /// <summary>The case is being verified again or already confirmed.</summary>
    public const string CaseNotOpen = "case-not-open";

    /// <summary>The action is not allowed at the case's tier or on its outcome.</summary>
    public const string ActionNotAllowed = "action-not-allowed";

    /// <summary>An objection after the public notice's last day (office time), though the notice job may not have moved the case on yet.</summary>
    public const string NoticeEnded = "notice-ended";

    /// <summary>The household's authorization is no longer valid: no agency may be asked about it until a new one is given.</summary>
    public const string ConsentExpired = "consent-expired";

    /// <summary>The caller is registered as a close relative of a member of the household (近亲属备案): someone else signs.</summary>
    public const string StaffRelative = "staff-relative";

    /// <summary>The roll entry is no longer as the request found it: it left the roll, was superseded, or was renewed first.</summary>
    public const string RollEntryChanged = "roll-entry-changed";
}
