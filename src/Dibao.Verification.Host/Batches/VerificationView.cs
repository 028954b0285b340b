using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Batches;

/// <param name="Outcome"><c>pending</c>, <c>pass</c>, <c>fail</c>, <c>review</c> or <c>incomplete</c>; <c>error</c> when the hub could not evaluate the household (an operator's matter, see <c>/health</c>).</param>
/// <param name="Round">The round of verification this result belongs to: 1 for the submission, one more for each correction or re-verification.</param>
/// <param name="Declarations">What the household declared against what the agencies found, per member, in total and per head; null when it declared nothing.</param>
/// <param name="PolicyName">The policy that gave the result, with <paramref name="PolicyHash"/> (SHA-256 of its file) naming the exact version.</param>
public sealed record VerificationView(
    string Outcome,
    decimal? PerCapitaMonthlyIncome,
    decimal? PerCapitaFinancialAssets,
    IReadOnlyList<ReasonView> Reasons,
    DateTimeOffset? EvaluatedAt,
    int Round = 1,
    string? PolicyName = null,
    string? PolicyHash = null,
    DeclarationComparison? Declarations = null);
