namespace Dibao.Verification.Contracts.V1;

/// <param name="RegisteredCapitalWan">Registered capital in 10,000 yuan (万元).</param>
public sealed record BusinessFact(
    string CreditCode,
    string Name,
    BusinessType Type,
    BusinessRole Role,
    decimal RegisteredCapitalWan,
    BusinessStatus Status,
    DateOnly? Established,
    DateOnly? Deregistered);
