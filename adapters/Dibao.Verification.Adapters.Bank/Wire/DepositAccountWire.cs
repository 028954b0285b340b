namespace Dibao.Verification.Adapters.Bank.Wire;

/// <param name="Account">Masked by the bank, e.g. 6222****1234.</param>
/// <param name="Product"><c>demand</c>, <c>time</c>, <c>wealth-management</c> or <c>fund</c>.</param>
/// <param name="Balance">In <paramref name="Currency"/>.</param>
/// <param name="Currency">The interface shows <c>CNY</c> without saying it is always there.</param>
internal sealed record DepositAccountWire(string Account, string Product, decimal Balance, string? Currency = null);
