namespace Dibao.Verification.Contracts.V1;

/// <param name="Name">Null when the administration gives none; only ever shown, the credit code names the entity too.</param>
/// <param name="RegisteredCapitalWan">Registered capital in 10,000 yuan (万元).</param>
public sealed record BusinessFact(
    string CreditCode,
    string? Name,
    BusinessType Type,
    BusinessRole Role,
    decimal RegisteredCapitalWan,
    BusinessStatus Status,
    DateOnly? Established,
    DateOnly? Deregistered);
