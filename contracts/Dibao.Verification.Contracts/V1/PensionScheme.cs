namespace Dibao.Verification.Contracts.V1;

public enum PensionScheme
{
    /// <summary>企业职工基本养老保险</summary>
    EnterpriseEmployee = 1,

    /// <summary>机关事业单位养老保险</summary>
    Institution = 2,

    /// <summary>城乡居民基本养老保险</summary>
    UrbanRuralResident = 3,
}
