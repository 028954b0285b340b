namespace Dibao.Verification.Adapters.Vehicle.Wire;

/// <summary>The single query's answer: <see cref="Data"/> is the person's vehicles when <see cref="Code"/> is 0, null otherwise.</summary>
internal sealed record VehiclesResponseWire(string Code, string? Msg = null, IReadOnlyList<VehicleWire>? Data = null);
