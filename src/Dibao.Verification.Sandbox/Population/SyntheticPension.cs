namespace Dibao.Verification.Sandbox.Population;

/// <param name="Scheme">The bureau's code: enterprise-employee, institution or urban-rural-resident.</param>
/// <param name="MonthlyAmount">Yuan, two decimals.</param>
/// <param name="Status">paying, suspended or terminated; only paying is a current pension.</param>
public sealed record SyntheticPension(string Scheme, decimal MonthlyAmount, DateOnly Since, string Status);
