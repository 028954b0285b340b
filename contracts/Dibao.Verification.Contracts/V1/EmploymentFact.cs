namespace Dibao.Verification.Contracts.V1;

/// <summary>Employment as recorded by social insurance contributions. Months are day 1 of the month.</summary>
/// <param name="EmployerName">Null when the bureau names none; only ever shown.</param>
/// <param name="ToMonth">Null while contributions continue.</param>
public sealed record EmploymentFact(
    string? EmployerName,
    string? EmployerCreditCode,
    decimal ContributionBase,
    DateOnly FromMonth,
    DateOnly? ToMonth);
