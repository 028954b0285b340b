using System.Text.Json.Serialization;

namespace Dibao.Verification.Sandbox.HousingFund;

// The centre's wire format: amounts as strings with two decimals, dates yyyyMMdd, months yyyyMM.

internal sealed record AccountsBody(
    [property: JsonPropertyName("accounts")] IReadOnlyList<AccountBody> Accounts);

internal sealed record AccountBody(
    [property: JsonPropertyName("accountNo")] string AccountNo,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("employerName")] string EmployerName,
    [property: JsonPropertyName("depositBase")] string DepositBase,
    [property: JsonPropertyName("monthlyDeposit")] string MonthlyDeposit,
    [property: JsonPropertyName("balance")] string Balance,
    [property: JsonPropertyName("lastDepositMonth")] string? LastDepositMonth,
    [property: JsonPropertyName("openedOn")] string OpenedOn);

internal sealed record AccountsBatchRequest(
    [property: JsonPropertyName("idNumbers")] IReadOnlyList<string?>? IdNumbers);

internal sealed record AccountsBatchBody(
    [property: JsonPropertyName("results")] IReadOnlyList<AccountsResultBody> Results);

internal sealed record AccountsResultBody(
    [property: JsonPropertyName("idNumber")] string IdNumber,
    [property: JsonPropertyName("accounts")] IReadOnlyList<AccountBody> Accounts);
