namespace Dibao.Verification.Domain.Policy;

/// <param name="Declarations">What was declared set against what was found; null when the household declared nothing.</param>
/// <param name="Settled">No answer is awaited any more: only a re-verification can change the outcome.</param>
public sealed record HouseholdEvaluation(
    Outcome Outcome,
    decimal? PerCapitaMonthlyIncome,
    decimal? PerCapitaFinancialAssets,
    IReadOnlyList<Reason> Reasons,
    bool Settled,
    DeclarationComparison? Declarations = null);
