namespace Dibao.Verification.Host.Audit;

/// <summary>The first entry where the chain does not hold, by its sequence number, and what is wrong there.</summary>
public sealed record AuditBreak(long Sequence, string Problem);
