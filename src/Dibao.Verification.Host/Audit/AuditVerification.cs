namespace Dibao.Verification.Host.Audit;

/// <summary>The result of checking the whole chain: <see cref="Entries"/> read, and the first break if any.</summary>
public sealed record AuditVerification(bool Intact, long Entries, AuditBreak? FirstBroken, string HeadHash);
