namespace Dibao.Verification.Domain.Policy;

/// <summary>The agency codes the reference policy speaks of, and the names a caseworker reads.</summary>
public static class AgencyCodes
{
    public const string SocialSecurity = "social-security";
    public const string Tax = "tax";
    public const string BusinessRegistry = "business-registry";
    public const string HousingFund = "housing-fund";
    public const string Vehicle = "vehicle";
    public const string Bank = "bank";

    /// <summary>
    /// Every agency the policy's rules rest on. One never asked gives no finding, which the rules cannot tell from one
    /// that found nothing: a hub asking fewer would pass a household on missing data.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [SocialSecurity, Tax, BusinessRegistry, HousingFund, Vehicle, Bank];

    /// <summary>The agency a source belongs to: <c>bank</c> for <c>bank:ICBC</c>, since each bank answers on its own.</summary>
    public static string AgencyOf(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? source : source[..colon];
    }

    public static string DisplayName(string code) => code switch
    {
        SocialSecurity => "人力资源和社会保障部门",
        Tax => "税务部门",
        BusinessRegistry => "市场监督管理部门",
        HousingFund => "住房公积金管理中心",
        Vehicle => "公安交通管理部门",
        Bank => "银行",
        _ when AgencyOf(code) == Bank => $"银行（{code[(Bank.Length + 1)..]}）",
        _ => code,
    };
}
