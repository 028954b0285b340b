namespace Dibao.Verification.Adapters.HousingFund.Wire;

/// <summary>One provident fund account. Amounts are strings of yuan with two decimals.</summary>
/// <param name="Status"><c>normal</c>, <c>sealed</c> or <c>closed</c>.</param>
/// <param name="LastDepositMonth">yyyyMM.</param>
/// <param name="OpenedOn">yyyyMMdd.</param>
internal sealed record AccountWire(
    string AccountNo,
    string Status,
    string EmployerName,
    string DepositBase,
    string MonthlyDeposit,
    string Balance,
    string? LastDepositMonth = null,
    string? OpenedOn = null);
