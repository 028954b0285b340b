namespace Dibao.Verification.Adapters.HousingFund.Wire;

internal sealed record BatchRequestWire(IReadOnlyList<string> IdNumbers);
