namespace Dibao.Verification.Host.Batches;

/// <param name="Severity"><c>fail</c>, <c>review</c> or <c>incomplete</c>.</param>
public sealed record ReasonView(
    string Code,
    string Severity,
    string? IdNumber,
    string? Agency,
    string Evidence,
    string Message,
    decimal? Actual,
    decimal? Limit);
