using System.Text.Json.Serialization;

namespace Dibao.Verification.Sandbox.Bank;

// The banks' wire format. Names are pinned so a change of serializer defaults cannot drift from the specification.

internal sealed record InquiryRequest(
    [property: JsonPropertyName("inquiryNo")] string? InquiryNo,
    [property: JsonPropertyName("persons")] IReadOnlyList<InquiryPerson?>? Persons);

internal sealed record InquiryPerson(
    [property: JsonPropertyName("idNumber")] string? IdNumber,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record TicketBody(
    [property: JsonPropertyName("ticket")] string Ticket,
    [property: JsonPropertyName("estimatedSeconds")] int EstimatedSeconds);

internal sealed record ProcessingBody(
    [property: JsonPropertyName("status")] string Status);

internal sealed record CompletedBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("results")] IReadOnlyList<ResultBody> Results);

internal sealed record ResultBody(
    [property: JsonPropertyName("idNumber")] string IdNumber,
    [property: JsonPropertyName("accounts")] IReadOnlyList<AccountBody> Accounts);

internal sealed record AccountBody(
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("product")] string Product,
    [property: JsonPropertyName("balance")] decimal Balance,
    [property: JsonPropertyName("currency")] string Currency);
