using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund.Wire;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.HousingFund;

internal static class HousingFundTranslator
{
    private const string Agency = HousingFundAdapter.Code;

    public static PersonFinding ToFinding(string idNumber, IReadOnlyList<AccountWire> accounts) =>
        PersonFindings.FromFacts(idNumber, new PersonFacts { HousingFundAccounts = accounts.Select(ToFact).ToList() });

    private static HousingFundAccountFact ToFact(AccountWire account) => new(
        account.AccountNo,
        account.Status switch
        {
            "normal" => HousingFundAccountStatus.Normal,
            "sealed" => HousingFundAccountStatus.Sealed,
            "closed" => HousingFundAccountStatus.Closed,
            _ => throw WireFormat.UnknownCode(Agency, "account status", account.Status),
        },
        WireFormat.Descriptive(account.EmployerName),
        WireFormat.Amount(account.DepositBase, Agency, "depositBase"),
        WireFormat.Amount(account.MonthlyDeposit, Agency, "monthlyDeposit"),
        WireFormat.Amount(account.Balance, Agency, "balance"),
        string.IsNullOrEmpty(account.LastDepositMonth) ? null : WireFormat.Month(account.LastDepositMonth, "yyyyMM", Agency, "lastDepositMonth"),
        string.IsNullOrEmpty(account.OpenedOn) ? null : WireFormat.Date(account.OpenedOn, "yyyyMMdd", Agency, "openedOn"));
}
