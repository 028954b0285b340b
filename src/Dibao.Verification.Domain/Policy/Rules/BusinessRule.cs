using System.Globalization;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// Active businesses only: a company disqualifies; an individual business above the capital limit
/// disqualifies and at or below it goes to a caseworker; a farmer cooperative goes to a caseworker.
/// </summary>
public static class BusinessRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member, PolicyParameters parameters)
    {
        foreach (var answer in member.From(AgencyCodes.BusinessRegistry))
        {
            foreach (var business in answer.Facts.Businesses.Where(b => b.Status == BusinessStatus.Active))
            {
                // Without a name the credit code still tells the caseworker which entity it is.
                var name = business.Name ?? $"（{Unstated.BusinessName}，统一社会信用代码{business.CreditCode}）";
                var evidence = string.Create(CultureInfo.InvariantCulture,
                    $"{business.Name ?? Unstated.BusinessName}（统一社会信用代码{business.CreditCode}），{TypeName(business.Type)}，{RoleName(business.Role)}，注册资本{business.RegisteredCapitalWan:0.##}万元{(business.Established is { } d ? $"，成立于{d:yyyy-MM-dd}" : "")}");
                var reason = business.Type switch
                {
                    BusinessType.Company => new Reason(ReasonCodes.BusinessOwned, ReasonSeverity.Fail, member.IdNumber, answer.Source, evidence,
                        $"{member.Name}是企业{name}的{RoleName(business.Role)}。"),
                    BusinessType.IndividualBusiness when business.RegisteredCapitalWan > parameters.BusinessCapitalLimitWan => new Reason(
                        ReasonCodes.BusinessOwned, ReasonSeverity.Fail, member.IdNumber, answer.Source, evidence,
                        string.Create(CultureInfo.InvariantCulture,
                            $"{member.Name}经营的个体工商户{name}注册资本{business.RegisteredCapitalWan:0.##}万元，高于{parameters.BusinessCapitalLimitWan:0.##}万元。"),
                        business.RegisteredCapitalWan, parameters.BusinessCapitalLimitWan),
                    BusinessType.IndividualBusiness => new Reason(
                        ReasonCodes.IndividualBusinessReview, ReasonSeverity.Review, member.IdNumber, answer.Source, evidence,
                        string.Create(CultureInfo.InvariantCulture,
                            $"{member.Name}经营个体工商户{name}，注册资本{business.RegisteredCapitalWan:0.##}万元，未超过{parameters.BusinessCapitalLimitWan:0.##}万元，需人工核查经营收入。"),
                        business.RegisteredCapitalWan, parameters.BusinessCapitalLimitWan),
                    _ => new Reason(ReasonCodes.CooperativeReview, ReasonSeverity.Review, member.IdNumber, answer.Source, evidence,
                        $"{member.Name}是农民专业合作社{name}的{RoleName(business.Role)}，需人工核查。"),
                };
                yield return reason with { Record = business.CreditCode };
            }
        }
    }

    private static string TypeName(BusinessType type) => type switch
    {
        BusinessType.IndividualBusiness => "个体工商户",
        BusinessType.Company => "企业",
        _ => "农民专业合作社",
    };

    private static string RoleName(BusinessRole role) => role switch
    {
        BusinessRole.Operator => "经营者",
        BusinessRole.LegalRepresentative => "法定代表人",
        _ => "股东",
    };
}
