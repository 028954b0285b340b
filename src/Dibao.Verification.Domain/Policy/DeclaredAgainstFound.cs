namespace Dibao.Verification.Domain.Policy;

/// <summary>
/// One set of figures, declared beside found. A found figure is null while an answer it depends on is missing; a
/// difference (found minus declared) only when both are known.
/// </summary>
public sealed record DeclaredAgainstFound(
    decimal? DeclaredMonthlyIncome,
    decimal? FoundMonthlyIncome,
    decimal? DeclaredFinancialAssets,
    decimal? FoundFinancialAssets)
{
    public decimal? MonthlyIncomeDifference => DeclaredMonthlyIncome is { } d && FoundMonthlyIncome is { } f ? f - d : null;

    public decimal? FinancialAssetsDifference => DeclaredFinancialAssets is { } d && FoundFinancialAssets is { } f ? f - d : null;
}
