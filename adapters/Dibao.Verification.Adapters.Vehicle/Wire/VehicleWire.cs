using System.Text.Json.Serialization;

namespace Dibao.Verification.Adapters.Vehicle.Wire;

/// <summary>
/// One registration under the traffic administration's pinyin field names. Only the type, the status and the adapted
/// mark decide anything; the plate, the use and the brand are descriptive, so a registration without them still counts.
/// </summary>
/// <param name="TypeCode"><c>cllx</c> (车辆类型); its first letter is the kind of vehicle.</param>
/// <param name="Status"><c>zt</c> (状态): A, B, E or G.</param>
/// <param name="PlateNumber"><c>hphm</c> (号牌号码).</param>
/// <param name="UseCode"><c>syxz</c> (使用性质); no exemption turns on it.</param>
/// <param name="PlateKind"><c>hpzl</c> (号牌种类), e.g. 02 small car.</param>
/// <param name="FirstRegistered"><c>ccdjrq</c> (初次登记日期), yyyy-MM-dd.</param>
/// <param name="Brand"><c>clpp</c> (车辆品牌).</param>
/// <param name="DisabledPersonAdapted">
/// <c>cjrzyc</c> (残疾人专用车): "1" for an adapted vehicle. The interface says no more, so another vehicle may carry "0",
/// an empty string, null or nothing.
/// </param>
internal sealed record VehicleWire(
    [property: JsonPropertyName("cllx")] string TypeCode,
    [property: JsonPropertyName("zt")] string Status,
    [property: JsonPropertyName("hphm")] string? PlateNumber = null,
    [property: JsonPropertyName("syxz")] string? UseCode = null,
    [property: JsonPropertyName("hpzl")] string? PlateKind = null,
    [property: JsonPropertyName("ccdjrq")] string? FirstRegistered = null,
    [property: JsonPropertyName("clpp")] string? Brand = null,
    [property: JsonPropertyName("cjrzyc")] string? DisabledPersonAdapted = null);
