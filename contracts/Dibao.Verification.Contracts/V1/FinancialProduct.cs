namespace Dibao.Verification.Contracts.V1;

public enum FinancialProduct
{
    /// <summary>活期</summary>
    Demand = 1,

    /// <summary>定期</summary>
    Time = 2,

    /// <summary>理财</summary>
    WealthManagement = 3,
    Fund = 4,
}
