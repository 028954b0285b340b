namespace Dibao.Verification.Adapters.BusinessRegistry.Wire;

internal sealed record BatchQueryRequestWire(IReadOnlyList<string> IdNumbers);
