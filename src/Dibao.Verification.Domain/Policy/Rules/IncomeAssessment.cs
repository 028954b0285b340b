namespace Dibao.Verification.Domain.Policy.Rules;

/// <param name="PerCapitaMonthlyIncome">Null while a part is still unknown and the known parts do not already fail.</param>
public sealed record IncomeAssessment(decimal? PerCapitaMonthlyIncome, Reason? Reason, IReadOnlyList<IncomePart> Parts);
