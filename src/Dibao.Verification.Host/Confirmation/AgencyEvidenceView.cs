using System.Text.Json;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>What one agency said about one member: the record a reviewer checks the result against.</summary>
/// <param name="State"><c>awaited</c>, <c>answered</c>, <c>unavailable</c> (no answer by the deadline) or <c>refused</c> (the agency refused the whole question; <paramref name="RefusalCode"/> is its code, or <c>CONSENT_EXPIRED</c> when the hub withheld the question because the household's authorization had run out).</param>
/// <param name="Kind"><c>records-found</c>, <c>no-records</c> or <c>refused</c>, as on the bus.</param>
/// <param name="Facts">The agency's facts in the hub's vocabulary, when it found records.</param>
/// <param name="Late">An answer that came after this one had settled: kept as evidence, it did not change the result.</param>
public sealed record AgencyEvidenceView(
    string IdNumber,
    string Name,
    string Agency,
    string State,
    string? Kind,
    string? RefusalCode,
    JsonElement? Facts,
    DateTimeOffset? AnsweredAt,
    LateEvidenceView? Late = null);
