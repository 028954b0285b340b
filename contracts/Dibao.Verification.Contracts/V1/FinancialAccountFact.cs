namespace Dibao.Verification.Contracts.V1;

/// <param name="Bank">The configured bank code that reported the account.</param>
/// <param name="MaskedAccount">Account number as the bank masks it.</param>
/// <param name="Balance">In <paramref name="Currency"/>.</param>
/// <param name="Currency">The bank's code in capitals (<c>CNY</c> for yuan); null when the bank did not state one, which is not yuan either.</param>
public sealed record FinancialAccountFact(string Bank, string MaskedAccount, FinancialProduct Product, decimal Balance, string? Currency);
