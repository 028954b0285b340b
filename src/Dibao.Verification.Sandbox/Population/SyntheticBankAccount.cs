namespace Dibao.Verification.Sandbox.Population;

/// <param name="BankCode">Bank code, e.g. 102 for ICBC.</param>
/// <param name="MaskedAccount">As the bank returns it: 6222****1234.</param>
/// <param name="Product">demand, time, wealth-management or fund.</param>
/// <param name="Balance">Yuan, two decimals.</param>
public sealed record SyntheticBankAccount(string BankCode, string BankName, string MaskedAccount, string Product, decimal Balance, string Currency);
