namespace Dibao.Verification.Contracts.V1;

public sealed record PensionFact(PensionScheme Scheme, decimal MonthlyAmount, DateOnly? Since, PensionStatus Status);
