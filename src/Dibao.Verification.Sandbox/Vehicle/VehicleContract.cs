using System.Text.Json.Serialization;

namespace Dibao.Verification.Sandbox.Vehicle;

// The traffic administration's wire format: pinyin field names, and every outcome in a 200 body with a code.

internal sealed record VehicleAnswer<T>(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("data")] T? Data)
    where T : class;

internal sealed record VehicleBody(
    [property: JsonPropertyName("hphm")] string Hphm,
    [property: JsonPropertyName("hpzl")] string Hpzl,
    [property: JsonPropertyName("cllx")] string Cllx,
    [property: JsonPropertyName("syxz")] string Syxz,
    [property: JsonPropertyName("zt")] string Zt,
    [property: JsonPropertyName("ccdjrq")] string Ccdjrq,
    [property: JsonPropertyName("clpp")] string Clpp,
    [property: JsonPropertyName("cjrzyc")] string Cjrzyc);

internal sealed record VehicleResultBody(
    [property: JsonPropertyName("sfzmhm")] string Sfzmhm,
    [property: JsonPropertyName("vehicles")] IReadOnlyList<VehicleBody> Vehicles);

internal sealed record VehicleBatchRequest(
    [property: JsonPropertyName("sfzmhmList")] IReadOnlyList<string?>? SfzmhmList);
