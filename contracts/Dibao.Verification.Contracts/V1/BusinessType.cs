namespace Dibao.Verification.Contracts.V1;

public enum BusinessType
{
    /// <summary>个体工商户</summary>
    IndividualBusiness = 1,
    Company = 2,
    FarmerCooperative = 3,
}
