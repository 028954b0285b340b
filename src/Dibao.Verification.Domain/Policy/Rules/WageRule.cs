using System.Globalization;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// A member's monthly wages from the first source that has any: tax wage records, else an open
/// social-security employment, else a recent housing-fund deposit base. Only one source ever counts,
/// so a source further down waits until every source above it has answered, and never stands in for one that refused:
/// the estimates below tax are for a member the tax bureau holds no wages for, which a refusal does not say. Nor does
/// an answer about a shorter income window than the policy's (<see cref="IncomeWindowRule"/>): its wages are unknown.
/// </summary>
public static class WageRule
{
    public const string Kind = "工资";

    public static IncomePart Estimate(MemberEvidence member, PolicyParameters parameters, DateOnly asOf)
    {
        var window = IncomeWindow.Before(asOf, parameters.IncomeLookbackMonths);
        var monthOfAsOf = Months.Of(asOf);

        switch (member.Knows(AgencyCodes.Tax, window))
        {
            case false:
                return IncomePart.Unknown(member.IdNumber, Kind, AgencyCodes.Tax);
            case true:
                var wages = member.From(AgencyCodes.Tax)
                    .SelectMany(a => a.Facts.TaxedIncome)
                    .Where(r => r.Category == IncomeCategory.Wages && window.Contains(r.Period))
                    .ToList();
                if (wages.Count > 0)
                {
                    var total = wages.Sum(r => r.Gross);
                    var payers = string.Join("、", wages.Select(r => r.Payer ?? Unstated.Payer).Distinct());
                    return new IncomePart(member.IdNumber, Kind, total / parameters.IncomeLookbackMonths, true, AgencyCodes.Tax, Invariant(
                        $"税务工资薪金 {window.FromMonth:yyyy-MM}至{window.ToMonth:yyyy-MM} 合计{total:0.00}元（{payers}，{wages.Count}个月份）÷{parameters.IncomeLookbackMonths}"));
                }

                break;
        }

        switch (member.Knows(AgencyCodes.SocialSecurity))
        {
            case false:
                return IncomePart.Unknown(member.IdNumber, Kind, AgencyCodes.SocialSecurity);
            case true:
                var open = member.From(AgencyCodes.SocialSecurity)
                    .SelectMany(a => a.Facts.Employments)
                    .Where(e => e.ToMonth is null || e.ToMonth.Value >= monthOfAsOf)
                    .MaxBy(e => e.ContributionBase);
                if (open is not null)
                {
                    return new IncomePart(member.IdNumber, Kind, open.ContributionBase, true, AgencyCodes.SocialSecurity, Invariant(
                        $"社保在缴：{open.EmployerName ?? Unstated.Employer}，缴费基数{open.ContributionBase:0.00}元，{open.FromMonth:yyyy-MM}起"));
                }

                break;
        }

        switch (member.Knows(AgencyCodes.HousingFund))
        {
            case false:
                return IncomePart.Unknown(member.IdNumber, Kind, AgencyCodes.HousingFund);
            case true:
                var recent = member.From(AgencyCodes.HousingFund)
                    .SelectMany(a => a.Facts.HousingFundAccounts)
                    .Where(a => a.Status == HousingFundAccountStatus.Normal
                        && a.LastDepositMonth is { } last
                        && Months.Between(last, monthOfAsOf) <= parameters.HousingFundRecentMonths)
                    .MaxBy(a => a.DepositBase);
                if (recent is not null)
                {
                    return new IncomePart(member.IdNumber, Kind, recent.DepositBase, true, AgencyCodes.HousingFund, Invariant(
                        $"公积金正常缴存：账户{recent.AccountNo}，{recent.EmployerName ?? Unstated.Employer}，缴存基数{recent.DepositBase:0.00}元，最近缴存{recent.LastDepositMonth:yyyy-MM}"));
                }

                break;
        }

        return new IncomePart(member.IdNumber, Kind, 0m, true, null, "无工资收入记录");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
