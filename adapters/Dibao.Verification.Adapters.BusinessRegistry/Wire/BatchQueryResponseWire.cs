namespace Dibao.Verification.Adapters.BusinessRegistry.Wire;

/// <summary>Every id asked about appears exactly once.</summary>
internal sealed record BatchQueryResponseWire(IReadOnlyList<BatchResultWire> Results);
