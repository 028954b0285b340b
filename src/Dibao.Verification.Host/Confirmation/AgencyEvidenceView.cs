using System.Text.Json;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>What one agency said about one member: the record a reviewer checks the result against.</summary>
/// <param name="State"><c>awaited</c>, <c>answered</c> or <c>unavailable</c>.</param>
/// <param name="Kind"><c>records-found</c>, <c>no-records</c> or <c>refused</c>, as on the bus.</param>
/// <param name="Facts">The agency's facts in the hub's vocabulary, when it found records.</param>
public sealed record AgencyEvidenceView(
    string IdNumber,
    string Name,
    string Agency,
    string State,
    string? Kind,
    string? RefusalCode,
    JsonElement? Facts,
    DateTimeOffset? AnsweredAt);
