using Dibao.Verification.Host.Confirmation;

namespace Dibao.Verification.Host.Access;

/// <summary>The roles a token may carry, and the jurisdiction code each works in.</summary>
public static class HubRoles
{
    public const string TownshipCaseworker = "township-caseworker";
    public const string CountyReviewer = "county-reviewer";
    public const string CityReviewer = "city-reviewer";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [TownshipCaseworker, CountyReviewer, CityReviewer, Auditor, Admin];

    /// <summary>The tier a role signs at; null for roles that sign nothing.</summary>
    public static Tier? TierOf(string role) => role switch
    {
        TownshipCaseworker => Tier.Township,
        CountyReviewer => Tier.County,
        CityReviewer => Tier.City,
        _ => null,
    };

    /// <summary>
    /// A township (9 digits), county (6) or city (4) code, of the length the role works at; auditors and admins may be
    /// given any of the three.
    /// </summary>
    public static bool FitsJurisdiction(string role, string code) =>
        code.All(char.IsAsciiDigit) && role switch
        {
            TownshipCaseworker => code.Length == 9,
            CountyReviewer => code.Length == 6,
            CityReviewer => code.Length == 4,
            Auditor or Admin => code.Length is 4 or 6 or 9,
            _ => false,
        };
}
