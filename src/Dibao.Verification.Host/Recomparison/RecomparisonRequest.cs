namespace Dibao.Verification.Host.Recomparison;

/// <summary>The body of <c>POST /api/v1/recomparisons</c>: both optional (the caller's jurisdiction, today).</summary>
public sealed record RecomparisonRequest(string? Jurisdiction, DateOnly? AsOf);
