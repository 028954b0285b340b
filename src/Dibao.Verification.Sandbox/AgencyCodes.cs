namespace Dibao.Verification.Sandbox;

/// <summary>The agency codes the sandbox simulates; the same codes key options and server addresses.</summary>
public static class AgencyCodes
{
    public const string SocialSecurity = "social-security";
    public const string HousingFund = "housing-fund";
    public const string BusinessRegistry = "business-registry";
    public const string Tax = "tax";
    public const string Bank = "bank";
    public const string Vehicle = "vehicle";
}
