namespace Dibao.Verification.Adapters.Bank.Wire;

internal sealed record InquiryResultWire(string IdNumber, IReadOnlyList<DepositAccountWire> Accounts);
