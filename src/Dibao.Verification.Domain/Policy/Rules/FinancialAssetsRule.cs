using System.Globalization;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// All balances of all members at all banks, per head, against a number of months of the standard. A balance in another
/// currency than yuan, or in one the bank did not state, cannot be counted (<see cref="AccountCurrency"/>): the yuan alone
/// may already exceed the limit, which more money cannot undo; otherwise a caseworker values the other accounts, and the
/// per-head figure stays unknown.
/// </summary>
public static class FinancialAssetsRule
{
    public static (decimal? PerCapita, Reason? Reason) Assess(HouseholdEvidence household, PolicyParameters parameters)
    {
        var answers = household.Members.SelectMany(m => m.Answers).Where(a => a.Agency == AgencyCodes.Bank).ToList();
        if (answers.Count == 0)
        {
            return (null, null);
        }

        var held = household.Members
            .SelectMany(m => m.Answers.SelectMany(a => a.Facts.FinancialAccounts.Select(account => (m.IdNumber, account))))
            .ToList();
        var accounts = held.Where(a => AccountCurrency.InYuan(a.account)).ToList();
        var unvalued = held.Where(a => AccountCurrency.Unvalued(a.account)).ToList();
        var total = accounts.Sum(a => a.account.Balance);
        var members = household.Members.Count;
        var perCapita = HouseholdIncomeRule.PerCapita(total, members);
        var complete = answers.TrueForAll(a => a.Tells);
        var limit = parameters.FinancialAssetLimitPerCapita;

        // Compared unrounded: total > limit × members is exactly "total / members > limit".
        if (total <= limit * members)
        {
            return unvalued.Count > 0 ? (null, ForeignCurrency(unvalued, perCapita, limit)) : (complete ? perCapita : null, null);
        }

        var evidence = string.Join("；", accounts.Select(a => Account(a.IdNumber, a.account, "元")));
        var reason = new Reason(
            ReasonCodes.FinancialAssetsAboveLimit,
            ReasonSeverity.Fail,
            IdNumber: null,
            Agency: AgencyCodes.Bank,
            Evidence: string.Create(CultureInfo.InvariantCulture, $"金融资产合计{total:0.00}元÷{members}人；") + evidence,
            // Less than a fen a head above the limit rounds to the limit itself, and "19200.00 above 19200.00" reads as
            // a mistake: the household's total against the limit for all its members says what was compared.
            Message: perCapita > limit
                ? string.Create(CultureInfo.InvariantCulture,
                    $"家庭人均金融资产{perCapita:0.00}元，超过{parameters.DepositMonthsOfStandard}个月低保标准之和{limit:0.00}元。")
                : string.Create(CultureInfo.InvariantCulture,
                    $"家庭金融资产合计{total:0.00}元，超过{members}人各{parameters.DepositMonthsOfStandard}个月低保标准之和{limit * members:0.00}元（人均超出不足一分）。"),
            Actual: perCapita,
            Limit: limit);
        return (perCapita, reason);
    }

    private static Reason ForeignCurrency(List<(string IdNumber, FinancialAccountFact Account)> unvalued, decimal yuanPerCapita, decimal limit) => new(
        ReasonCodes.ForeignCurrencyAssetsReview,
        ReasonSeverity.Review,
        IdNumber: unvalued.Select(a => a.IdNumber).Distinct().Count() == 1 ? unvalued[0].IdNumber : null,
        Agency: AgencyCodes.Bank,
        Evidence: string.Join("；", unvalued.Select(a => Account(a.IdNumber, a.Account, " " + (a.Account.Currency ?? Unstated.Currency)))),
        Message: string.Create(CultureInfo.InvariantCulture,
            $"家庭成员持有{string.Join("、", unvalued.Select(a => a.Account.Currency is { } code ? code + "账户" : Unstated.Currency + "的账户").Distinct())}，核对中心无法折算为人民币；人民币部分人均{yuanPerCapita:0.00}元，须人工核实家庭人均金融资产是否超过{limit:0.00}元。"),
        Actual: yuanPerCapita,
        Limit: limit);

    private static string Account(string idNumber, FinancialAccountFact account, string unit) => string.Create(CultureInfo.InvariantCulture,
        $"[{IdentityNumber.Mask(idNumber)}] {account.Bank} {account.MaskedAccount} {ProductName(account.Product)} {account.Balance:0.00}{unit}");

    private static string ProductName(FinancialProduct product) => product switch
    {
        FinancialProduct.Demand => "活期",
        FinancialProduct.Time => "定期",
        FinancialProduct.WealthManagement => "理财",
        _ => "基金",
    };
}
