namespace Dibao.Verification.Domain.Policy;

/// <summary>The parameters in force for one township, after inheritance from its county and city.</summary>
public sealed record PolicyParameters(
    decimal MonthlyStandard,
    int IncomeLookbackMonths,
    int DepositMonthsOfStandard,
    decimal BusinessCapitalLimitWan,
    int HousingFundRecentMonths,
    bool CountResidentPension)
{
    public decimal FinancialAssetLimitPerCapita => DepositMonthsOfStandard * MonthlyStandard;

    /// <summary>
    /// How far, as a fraction (0.10 is 10 %), the per-capita figures the agencies found may exceed what the household
    /// declared before the household is looked at for a mismatch.
    /// </summary>
    public decimal DeclarationTolerance { get; init; } = DefaultDeclarationTolerance;

    public const decimal DefaultDeclarationTolerance = 0.10m;
}
