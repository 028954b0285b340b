namespace Dibao.Verification.Adapters.HousingFund.Wire;

internal sealed record BatchResultWire(string IdNumber, IReadOnlyList<AccountWire> Accounts);
