namespace Dibao.Verification.Host.Recomparison;

/// <summary>One household whose new findings raised a case: the proposal, and the income per head before and now.</summary>
public sealed record RecomparisonChangeView(
    string Township, string Ref, string Proposal, decimal? ConfirmedPerCapitaMonthlyIncome, decimal? NewPerCapitaMonthlyIncome, Guid? CaseId, DateTime ComparedAt);
