namespace Dibao.Verification.Host.Roll;

/// <summary>
/// An imported household's baseline: the income per head the agencies' answers gave in the run that first compared it
/// unchanged, and that run (<c>GET /api/v1/recomparisons/{runId}</c>; its audit entries name each source's answer about
/// each member).
/// </summary>
public sealed record RollBaselineView(decimal PerCapitaMonthlyIncome, Guid RunId)
{
    /// <summary>The entry's baseline; null when it has none.</summary>
    public static RollBaselineView? Of(RollHousehold entry) =>
        entry is { BaselinePerCapitaMonthlyIncome: { } income, BaselineRunId: { } runId } ? new RollBaselineView(income, runId) : null;
}
