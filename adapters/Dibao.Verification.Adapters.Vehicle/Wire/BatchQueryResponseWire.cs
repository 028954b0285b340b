namespace Dibao.Verification.Adapters.Vehicle.Wire;

/// <summary>When <see cref="Code"/> is 0, <see cref="Data"/> holds every identity number asked about exactly once.</summary>
internal sealed record BatchQueryResponseWire(string Code, string? Msg = null, IReadOnlyList<BatchResultWire>? Data = null);
