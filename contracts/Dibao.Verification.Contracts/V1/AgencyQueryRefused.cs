namespace Dibao.Verification.Contracts.V1;

/// <summary>
/// An adapter's answer to <see cref="QueryAgency"/> when the agency refused the whole question for a reason that
/// asking again will not change (a wrong key, a request it calls malformed: any 4xx but 408 and 429). Sent at once, so the hub need not
/// wait out the agency's deadline; transient failures are retried instead and never reported this way.
/// </summary>
/// <param name="Agency">The source asked, as in the question: <c>tax</c>, <c>bank:ICBC</c>.</param>
/// <param name="Code">
/// The agency's own error code when its answer gave one (<c>INVALID_REQUEST</c>), otherwise <c>HTTP_&lt;status&gt;</c>
/// (<c>HTTP_401</c>), <c>UNREADABLE_ANSWER</c> when the answer could not be read, or <c>UNASKABLE_QUESTION</c> when the
/// adapter cannot put the question at all (a bank it is not configured for). ASCII, at most 64 characters,
/// never personal data.
/// </param>
public sealed record AgencyQueryRefused(
    Guid QueryId,
    string Agency,
    string Code,
    DateTimeOffset RefusedAt);
