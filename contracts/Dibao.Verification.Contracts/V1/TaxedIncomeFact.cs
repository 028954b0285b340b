namespace Dibao.Verification.Contracts.V1;

/// <param name="Period">Day 1 of the month the income belongs to.</param>
/// <param name="Payer">Null when the bureau names none (business income has no payer); only ever shown, never decided on.</param>
/// <param name="Gross">Yuan.</param>
/// <param name="Tax">Yuan.</param>
public sealed record TaxedIncomeFact(DateOnly Period, IncomeCategory Category, string? Payer, decimal Gross, decimal Tax);
