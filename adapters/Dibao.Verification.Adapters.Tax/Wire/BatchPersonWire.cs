namespace Dibao.Verification.Adapters.Tax.Wire;

internal sealed record BatchPersonWire(string IdNumber, string Name);
