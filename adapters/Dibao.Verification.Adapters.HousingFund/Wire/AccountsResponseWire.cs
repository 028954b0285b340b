namespace Dibao.Verification.Adapters.HousingFund.Wire;

/// <summary>Empty when the person has no account.</summary>
internal sealed record AccountsResponseWire(IReadOnlyList<AccountWire> Accounts);
