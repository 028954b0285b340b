namespace Dibao.Verification.Sandbox.Population;

/// <param name="ContributionBase">Monthly contribution base, yuan with two decimals.</param>
/// <param name="From">First month of contributions (first day of that month).</param>
/// <param name="To">Last month of contributions; null while contributions continue.</param>
public sealed record SyntheticEmployment(string EmployerName, string EmployerCreditCode, decimal ContributionBase, DateOnly From, DateOnly? To);
