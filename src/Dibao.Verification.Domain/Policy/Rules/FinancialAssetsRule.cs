using System.Globalization;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>All balances of all members at all banks, per head, against a number of months of the standard.</summary>
public static class FinancialAssetsRule
{
    public static (decimal? PerCapita, Reason? Reason) Assess(HouseholdEvidence household, PolicyParameters parameters)
    {
        var answers = household.Members.SelectMany(m => m.Answers).Where(a => a.Agency == AgencyCodes.Bank).ToList();
        if (answers.Count == 0)
        {
            return (null, null);
        }

        var accounts = household.Members
            .SelectMany(m => m.Answers.SelectMany(a => a.Facts.FinancialAccounts.Select(account => (m.IdNumber, account))))
            .ToList();
        var total = accounts.Sum(a => a.account.Balance);
        var members = household.Members.Count;
        var perCapita = HouseholdIncomeRule.PerCapita(total, members);
        var complete = answers.TrueForAll(a => a.State == AnswerState.Answered);
        var limit = parameters.FinancialAssetLimitPerCapita;

        // Compared unrounded: total > limit × members is exactly "total / members > limit".
        if (total <= limit * members)
        {
            return (complete ? perCapita : null, null);
        }

        var evidence = string.Join("；", accounts.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"[{IdentityNumber.Mask(a.IdNumber)}] {a.account.Bank} {a.account.MaskedAccount} {ProductName(a.account.Product)} {a.account.Balance:0.00}元")));
        var reason = new Reason(
            ReasonCodes.FinancialAssetsAboveLimit,
            ReasonSeverity.Fail,
            IdNumber: null,
            Agency: AgencyCodes.Bank,
            Evidence: string.Create(CultureInfo.InvariantCulture, $"金融资产合计{total:0.00}元÷{members}人；") + evidence,
            Message: string.Create(CultureInfo.InvariantCulture,
                $"家庭人均金融资产{perCapita:0.00}元，超过{parameters.DepositMonthsOfStandard}个月低保标准之和{limit:0.00}元。"),
            Actual: perCapita,
            Limit: limit);
        return (perCapita, reason);
    }

    private static string ProductName(FinancialProduct product) => product switch
    {
        FinancialProduct.Demand => "活期",
        FinancialProduct.Time => "定期",
        FinancialProduct.WealthManagement => "理财",
        _ => "基金",
    };
}
