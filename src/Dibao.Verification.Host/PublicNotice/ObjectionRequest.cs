namespace Dibao.Verification.Host.PublicNotice;

/// <summary>The body of <c>POST /api/v1/cases/{caseId}/objections</c>: what was objected during the notice.</summary>
/// <param name="Version">The case's version the township saw; optional.</param>
public sealed record ObjectionRequest(string? Reason, int? Version = null);
