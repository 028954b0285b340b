namespace Dibao.Verification.Contracts.V1;

/// <param name="EmployerName">Null when the centre names none (an account paid in by the person alone); only ever shown.</param>
/// <param name="DepositBase">Monthly wage base on which deposits are paid, yuan.</param>
/// <param name="LastDepositMonth">Day 1 of the month of the last deposit, when there was one.</param>
public sealed record HousingFundAccountFact(
    string AccountNo,
    HousingFundAccountStatus Status,
    string? EmployerName,
    decimal DepositBase,
    decimal MonthlyDeposit,
    decimal Balance,
    DateOnly? LastDepositMonth,
    DateOnly? OpenedOn);
