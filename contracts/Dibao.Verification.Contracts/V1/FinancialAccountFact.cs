namespace Dibao.Verification.Contracts.V1;

/// <param name="Bank">The configured bank code that reported the account.</param>
/// <param name="MaskedAccount">Account number as the bank masks it.</param>
public sealed record FinancialAccountFact(string Bank, string MaskedAccount, FinancialProduct Product, decimal Balance, string Currency);
