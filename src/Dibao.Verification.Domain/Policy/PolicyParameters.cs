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
}
