namespace Dibao.Verification.Host.Audit;

/// <summary>One page of the trail, newest first; <see cref="HasMore"/> when older entries match too.</summary>
public sealed record AuditPage(int Page, int PageSize, bool HasMore, IReadOnlyList<AuditEntry> Entries);
