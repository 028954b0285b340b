using System.Text.Json;
using Refit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// JSON as the agencies speak it (camelCase). Missing required fields and nulls where the wire type does not
/// allow them fail deserialization, so an incomplete answer is never read as an empty one.
/// </summary>
public static class AgencyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static RefitSettings RefitSettings() => new(new SystemTextJsonContentSerializer(Options));
}
