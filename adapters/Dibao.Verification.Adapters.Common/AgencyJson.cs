using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// JSON as the agencies speak it (camelCase). Missing required fields and nulls where the wire type does not
/// allow them fail deserialization, so an incomplete answer is never read as an empty one. What the interfaces do not
/// allow is not guessed at either: a number sent as a string (the housing fund's amounts are strings by its interface
/// and read as such), a null inside a list, and the same field twice in one object, where which one is meant is a guess.
/// </summary>
public static class AgencyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        Converters = { new NonNullElementsConverterFactory() },
    };

    public static RefitSettings RefitSettings() => new(new SystemTextJsonContentSerializer(Options));
}
