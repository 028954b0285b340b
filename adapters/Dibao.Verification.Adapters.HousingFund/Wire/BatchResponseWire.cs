namespace Dibao.Verification.Adapters.HousingFund.Wire;

/// <summary>Every id asked about appears exactly once.</summary>
internal sealed record BatchResponseWire(IReadOnlyList<BatchResultWire> Results);
