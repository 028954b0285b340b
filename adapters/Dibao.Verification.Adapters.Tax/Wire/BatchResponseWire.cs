namespace Dibao.Verification.Adapters.Tax.Wire;

/// <summary>The bureau promises every person asked about exactly once.</summary>
internal sealed record BatchResponseWire(IReadOnlyList<BatchResultWire> Results);
