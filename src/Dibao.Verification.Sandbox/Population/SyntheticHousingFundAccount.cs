namespace Dibao.Verification.Sandbox.Population;

/// <param name="Status">normal, sealed (the employer stopped paying in) or closed.</param>
/// <param name="DepositBase">Monthly wage base, yuan.</param>
/// <param name="MonthlyDeposit">Employer and employee shares together, yuan.</param>
/// <param name="LastDepositMonth">First day of the month last paid into; null if never paid into.</param>
public sealed record SyntheticHousingFundAccount(
    string AccountNo,
    string Status,
    string EmployerName,
    decimal DepositBase,
    decimal MonthlyDeposit,
    decimal Balance,
    DateOnly? LastDepositMonth,
    DateOnly OpenedOn);
