using System.Text.Json.Serialization;

namespace Dibao.Verification.Sandbox.SocialSecurity;

// The bureau's wire format. Names are pinned so a change of serializer defaults cannot drift from the specification.

internal sealed record InsuredPersonBody(
    [property: JsonPropertyName("idNumber")] string IdNumber,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("pensions")] IReadOnlyList<PensionBody> Pensions,
    [property: JsonPropertyName("employment")] IReadOnlyList<EmploymentBody> Employment,
    [property: JsonPropertyName("unemploymentBenefit")] UnemploymentBenefitBody? UnemploymentBenefit);

internal sealed record PensionBody(
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("monthlyAmount")] decimal MonthlyAmount,
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("status")] string Status);

internal sealed record EmploymentBody(
    [property: JsonPropertyName("employerName")] string EmployerName,
    [property: JsonPropertyName("employerCreditCode")] string EmployerCreditCode,
    [property: JsonPropertyName("contributionBase")] decimal ContributionBase,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string? To);

internal sealed record UnemploymentBenefitBody(
    [property: JsonPropertyName("monthlyAmount")] decimal MonthlyAmount,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To);

internal sealed record BatchQueryRequest(
    [property: JsonPropertyName("asOf")] string? AsOf,
    [property: JsonPropertyName("idNumbers")] IReadOnlyList<string?>? IdNumbers);

internal sealed record BatchQueryBody(
    [property: JsonPropertyName("persons")] IReadOnlyList<InsuredPersonBody> Persons);
