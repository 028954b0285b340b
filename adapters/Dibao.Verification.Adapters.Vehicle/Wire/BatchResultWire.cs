using System.Text.Json.Serialization;

namespace Dibao.Verification.Adapters.Vehicle.Wire;

/// <param name="IdNumber"><c>sfzmhm</c> (身份证明号码).</param>
internal sealed record BatchResultWire(
    [property: JsonPropertyName("sfzmhm")] string IdNumber,
    [property: JsonPropertyName("vehicles")] IReadOnlyList<VehicleWire> Vehicles);
