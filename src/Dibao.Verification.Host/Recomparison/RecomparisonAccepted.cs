namespace Dibao.Verification.Host.Recomparison;

public sealed record RecomparisonAccepted(Guid RunId);
