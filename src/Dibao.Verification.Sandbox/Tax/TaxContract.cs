using System.Text.Json.Serialization;

namespace Dibao.Verification.Sandbox.Tax;

// The bureau's wire format. Names are pinned so a change of serializer defaults cannot drift from the specification.

internal sealed record TokenBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

internal sealed record IncomeRecordsRequest(
    [property: JsonPropertyName("idNumber")] string? IdNumber,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("fromMonth")] string? FromMonth,
    [property: JsonPropertyName("toMonth")] string? ToMonth);

internal sealed record IncomeRecordBody(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("payer")] string Payer,
    [property: JsonPropertyName("grossFen")] long GrossFen,
    [property: JsonPropertyName("taxFen")] long TaxFen);

internal sealed record IncomeRecordsBody(
    [property: JsonPropertyName("records")] IReadOnlyList<IncomeRecordBody> Records);

internal sealed record BatchPersonRequest(
    [property: JsonPropertyName("idNumber")] string? IdNumber,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record IncomeRecordsBatchRequest(
    [property: JsonPropertyName("fromMonth")] string? FromMonth,
    [property: JsonPropertyName("toMonth")] string? ToMonth,
    [property: JsonPropertyName("persons")] IReadOnlyList<BatchPersonRequest?>? Persons);

internal sealed record BatchResultBody(
    [property: JsonPropertyName("idNumber")] string IdNumber,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("records")] IReadOnlyList<IncomeRecordBody> Records);

internal sealed record IncomeRecordsBatchBody(
    [property: JsonPropertyName("results")] IReadOnlyList<BatchResultBody> Results);
