namespace Dibao.Verification.Host.Batches;

/// <param name="Outcome"><c>pending</c>, <c>pass</c>, <c>fail</c>, <c>review</c> or <c>incomplete</c>.</param>
public sealed record VerificationView(
    string Outcome,
    decimal? PerCapitaMonthlyIncome,
    decimal? PerCapitaFinancialAssets,
    IReadOnlyList<ReasonView> Reasons,
    DateTimeOffset? EvaluatedAt);
