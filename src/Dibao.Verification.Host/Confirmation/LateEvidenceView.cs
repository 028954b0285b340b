using System.Text.Json;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>What an agency said after its answer had settled, and when it came.</summary>
/// <param name="Kind"><c>records-found</c>, <c>no-records</c>, <c>refused</c>; null when the agency refused the whole question late (<paramref name="RefusalCode"/>).</param>
public sealed record LateEvidenceView(string? Kind, string? RefusalCode, JsonElement? Facts, DateTimeOffset ReceivedAt);
