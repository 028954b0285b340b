namespace Dibao.Verification.Domain.Policy;

/// <summary>What an applicant declared for one member (申报), each figure optional.</summary>
/// <param name="MonthlyIncome">Monthly income, yuan.</param>
/// <param name="FinancialAssets">Deposits and other financial assets, yuan.</param>
public sealed record Declaration(decimal? MonthlyIncome, decimal? FinancialAssets)
{
    public bool IsEmpty => MonthlyIncome is null && FinancialAssets is null;
}
