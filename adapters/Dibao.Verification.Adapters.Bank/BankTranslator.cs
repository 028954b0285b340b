using Dibao.Verification.Adapters.Bank.Wire;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Bank;

internal static class BankTranslator
{
    public static PersonFinding ToFinding(string bankCode, string source, InquiryResultWire result) =>
        PersonFindings.FromFacts(result.IdNumber, new PersonFacts
        {
            FinancialAccounts = [.. result.Accounts.Select(account => ToFact(bankCode, source, account))],
        });

    private static FinancialAccountFact ToFact(string bankCode, string source, DepositAccountWire account) => new(
        bankCode,
        account.Account,
        account.Product switch
        {
            "demand" => FinancialProduct.Demand,
            "time" => FinancialProduct.Time,
            "wealth-management" => FinancialProduct.WealthManagement,
            "fund" => FinancialProduct.Fund,
            _ => throw WireFormat.UnknownCode(source, "product", account.Product),
        },
        account.Balance,
        account.Currency);
}
