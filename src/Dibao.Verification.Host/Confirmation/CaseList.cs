namespace Dibao.Verification.Host.Confirmation;

/// <summary>The answer of <c>GET /api/v1/cases</c> and <c>GET /api/v1/cases/overdue</c>.</summary>
public sealed record CaseList(IReadOnlyList<CaseListItem> Items);
