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
        WireFormat.NonNegative(account.Balance, source, "balance"),
        Currency(account.Currency));

    /// <summary>
    /// The code as the bank wrote it, in capitals: the interface shows <c>CNY</c> and does not close the list, and a bank
    /// also keeps foreign-currency deposits, which the policy cannot count as yuan. An account without one is not guessed
    /// to be in yuan, nor does it make the bank's whole answer unreadable: it stays null, which the policy cannot count
    /// either, so the household goes to a caseworker as with a foreign currency.
    /// </summary>
    private static string? Currency(string? currency) =>
        string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();
}
