namespace Dibao.Verification.Contracts.V1;

public enum HousingFundAccountStatus
{
    /// <summary>正常缴存</summary>
    Normal = 1,

    /// <summary>封存: the employer stopped paying in.</summary>
    Sealed = 2,

    /// <summary>销户</summary>
    Closed = 3,
}
