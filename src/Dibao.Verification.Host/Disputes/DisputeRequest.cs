namespace Dibao.Verification.Host.Disputes;

/// <summary>The body of <c>POST /api/v1/cases/{caseId}/disputes</c>.</summary>
/// <param name="Agency">The agency whose finding is disputed, by code: <c>social-security</c>, <c>tax</c>, <c>bank</c>…</param>
/// <param name="IdNumber">The member concerned; the whole household when left out.</param>
/// <param name="Version">When given, the case's version must still be this one: the member was chosen on that view of it.</param>
public sealed record DisputeRequest(string? Agency, string? IdNumber, string? Reason, int? Version = null);
