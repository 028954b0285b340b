using System.Globalization;
using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// Per-capita monthly income against the local standard. Parts still awaited count as nothing, so a
/// household whose known income is already above the standard fails on what is known.
/// </summary>
public static class HouseholdIncomeRule
{
    public static IncomeAssessment Assess(HouseholdEvidence household, PolicyParameters parameters)
    {
        var parts = new List<IncomePart>();
        foreach (var member in household.Members)
        {
            parts.Add(WageRule.Estimate(member, parameters, household.AsOf));
            AddIfAny(parts, OtherTaxedIncomeRule.Estimate(member, parameters, household.AsOf));
            AddIfAny(parts, PensionRule.Estimate(member, parameters));
            AddIfAny(parts, UnemploymentBenefitRule.Estimate(member, household.AsOf));
        }

        var total = parts.Sum(p => p.Amount);
        var perCapita = PerCapita(total, household.Members.Count);
        var known = parts.TrueForAll(p => p.Known);

        Reason? reason = null;
        if (perCapita > parameters.MonthlyStandard)
        {
            var counted = parts.Where(p => p.Amount > 0).Select(p => string.Create(CultureInfo.InvariantCulture,
                $"[{IdentityNumber.Mask(p.IdNumber)}] {p.Kind} {Math.Round(p.Amount, 2, MidpointRounding.AwayFromZero):0.00}元：{p.Evidence}"));
            reason = new Reason(
                ReasonCodes.IncomeAboveStandard,
                ReasonSeverity.Fail,
                IdNumber: null,
                Agency: null,
                Evidence: string.Create(CultureInfo.InvariantCulture, $"家庭月收入{total:0.00}元÷{household.Members.Count}人；") + string.Join("；", counted),
                Message: string.Create(CultureInfo.InvariantCulture,
                    $"家庭月人均收入{perCapita:0.00}元，高于当地低保标准{parameters.MonthlyStandard:0.00}元。"),
                Actual: perCapita,
                Limit: parameters.MonthlyStandard);
        }

        return new IncomeAssessment(known || reason is not null ? perCapita : null, reason, parts);
    }

    /// <summary>Rounded to fen, half away from zero, as the policy prescribes.</summary>
    public static decimal PerCapita(decimal total, int members) =>
        Math.Round(total / members, 2, MidpointRounding.AwayFromZero);

    private static void AddIfAny(List<IncomePart> parts, IncomePart? part)
    {
        if (part is not null)
        {
            parts.Add(part);
        }
    }
}
