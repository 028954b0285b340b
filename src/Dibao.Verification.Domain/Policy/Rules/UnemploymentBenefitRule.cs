using System.Globalization;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>Unemployment benefit paid for the month of the verification date.</summary>
public static class UnemploymentBenefitRule
{
    public const string Kind = "失业保险金";

    public static IncomePart? Estimate(MemberEvidence member, DateOnly asOf)
    {
        switch (member.Knows(AgencyCodes.SocialSecurity))
        {
            case null:
                return null;
            case false:
                return IncomePart.Unknown(member.IdNumber, Kind, AgencyCodes.SocialSecurity);
        }

        var month = Months.Of(asOf);
        var current = member.From(AgencyCodes.SocialSecurity)
            .SelectMany(a => a.Facts.UnemploymentBenefits)
            .Where(b => b.FromMonth <= month && (b.ToMonth is null || b.ToMonth.Value >= month))
            .ToList();
        if (current.Count == 0)
        {
            return null;
        }

        var detail = string.Join("；", current.Select(b => string.Create(CultureInfo.InvariantCulture,
            $"{b.MonthlyAmount:0.00}元/月（{b.FromMonth:yyyy-MM}至{(b.ToMonth is { } to ? to.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "今")}）")));
        return new IncomePart(member.IdNumber, Kind, current.Sum(b => b.MonthlyAmount), true, AgencyCodes.SocialSecurity, detail);
    }
}
