namespace Dibao.Verification.Adapters.HousingFund.Wire;

/// <summary>One provident fund account. Amounts are strings of yuan with two decimals.</summary>
/// <param name="Status"><c>normal</c>, <c>sealed</c> or <c>closed</c>.</param>
/// <param name="LastDepositMonth">yyyyMM.</param>
/// <param name="OpenedOn">yyyyMMdd.</param>
/// <param name="EmployerName">Descriptive only, and not there for every account: one paid in by the person alone (灵活就业) has no employer.</param>
internal sealed record AccountWire(
    string AccountNo,
    string Status,
    string DepositBase,
    string MonthlyDeposit,
    string Balance,
    string? LastDepositMonth = null,
    string? OpenedOn = null,
    string? EmployerName = null);
