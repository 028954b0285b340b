using System.Globalization;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>Pensions being paid: employee and institution schemes in full; the resident pension only where the jurisdiction counts it.</summary>
public static class PensionRule
{
    public const string Kind = "养老金";

    public static IncomePart? Estimate(MemberEvidence member, PolicyParameters parameters)
    {
        switch (member.Knows(AgencyCodes.SocialSecurity))
        {
            case null:
                return null;
            case false:
                return IncomePart.Unknown(member.IdNumber, Kind, AgencyCodes.SocialSecurity);
        }

        var counted = member.From(AgencyCodes.SocialSecurity)
            .SelectMany(a => a.Facts.Pensions)
            .Where(p => p.Status == PensionStatus.Paying && Counts(p.Scheme, parameters))
            .ToList();
        if (counted.Count == 0)
        {
            return null;
        }

        var detail = string.Join("；", counted.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{SchemeName(p.Scheme)}{p.MonthlyAmount:0.00}元/月{(p.Since is { } since ? $"（{since:yyyy-MM-dd}起）" : "")}")));
        return new IncomePart(member.IdNumber, Kind, counted.Sum(p => p.MonthlyAmount), true, AgencyCodes.SocialSecurity, detail);
    }

    public static bool Counts(PensionScheme scheme, PolicyParameters parameters) =>
        scheme != PensionScheme.UrbanRuralResident || parameters.CountResidentPension;

    private static string SchemeName(PensionScheme scheme) => scheme switch
    {
        PensionScheme.EnterpriseEmployee => "企业职工基本养老金",
        PensionScheme.Institution => "机关事业单位养老金",
        _ => "城乡居民基本养老金",
    };
}
