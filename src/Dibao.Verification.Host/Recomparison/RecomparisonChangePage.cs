namespace Dibao.Verification.Host.Recomparison;

public sealed record RecomparisonChangePage(int Page, int PageSize, bool HasMore, IReadOnlyList<RecomparisonChangeView> Items);
