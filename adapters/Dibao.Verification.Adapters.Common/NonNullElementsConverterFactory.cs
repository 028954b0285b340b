using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Refuses a null inside a list of objects or strings: no agency's interface has one, and System.Text.Json checks the
/// nullable annotations of properties but not of list elements, so <c>"accounts": [null]</c> would otherwise reach a
/// translator as a null account and fail there as a crash rather than as an answer the adapter cannot read.
/// </summary>
internal sealed class NonNullElementsConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
        && !typeToConvert.GetGenericArguments()[0].IsValueType;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NonNullElementsConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class NonNullElementsConverter<T> : JsonConverter<IReadOnlyList<T>>
        where T : class
    {
        public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"Expected a list, found {reader.TokenType}.");
            }

            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(JsonSerializer.Deserialize<T>(ref reader, options) ?? throw new JsonException("A list holds a null element."));
            }

            return items;
        }

        // An array, not the list: serializing the list itself would come back here.
        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}
