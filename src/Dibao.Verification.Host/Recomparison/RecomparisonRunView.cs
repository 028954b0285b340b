namespace Dibao.Verification.Host.Recomparison;

/// <summary>The answer to <c>GET /api/v1/recomparisons/{runId}</c>.</summary>
/// <param name="Agencies">Per source (<c>tax</c>, <c>bank:ICBC</c>): persons asked, and of them refused and unavailable.</param>
public sealed record RecomparisonRunView(
    Guid RunId,
    string Status,
    int Households,
    int Compared,
    int Unchanged,
    int Changed,
    ChangesByKindView ByKind,
    IReadOnlyDictionary<string, AgencyCountsView> Agencies,
    DateTime StartedAt,
    DateTime? FinishedAt);
