using System.Text.Json.Serialization;

namespace Dibao.Verification.Sandbox.BusinessRegistry;

// The administration's wire format: capital in 万元 as a JSON number, dates yyyy-MM-dd.

internal sealed record EntitiesPageBody(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("items")] IReadOnlyList<EntityBody> Items);

internal sealed record EntityBody(
    [property: JsonPropertyName("creditCode")] string CreditCode,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("registeredCapitalWan")] decimal RegisteredCapitalWan,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("established")] string Established,
    [property: JsonPropertyName("deregistered")] string? Deregistered);

internal sealed record EntitiesBatchRequest(
    [property: JsonPropertyName("idNumbers")] IReadOnlyList<string?>? IdNumbers);

internal sealed record EntitiesBatchBody(
    [property: JsonPropertyName("results")] IReadOnlyList<EntitiesResultBody> Results);

internal sealed record EntitiesResultBody(
    [property: JsonPropertyName("idNumber")] string IdNumber,
    [property: JsonPropertyName("items")] IReadOnlyList<EntityBody> Items);
