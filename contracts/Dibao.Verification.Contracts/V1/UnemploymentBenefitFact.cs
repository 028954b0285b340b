namespace Dibao.Verification.Contracts.V1;

/// <summary>Months are day 1 of the month; <paramref name="ToMonth"/> null means open-ended.</summary>
public sealed record UnemploymentBenefitFact(decimal MonthlyAmount, DateOnly FromMonth, DateOnly? ToMonth);
