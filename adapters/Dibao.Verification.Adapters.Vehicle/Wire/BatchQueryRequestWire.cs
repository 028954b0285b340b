using System.Text.Json.Serialization;

namespace Dibao.Verification.Adapters.Vehicle.Wire;

internal sealed record BatchQueryRequestWire([property: JsonPropertyName("sfzmhmList")] IReadOnlyList<string> IdNumbers);
