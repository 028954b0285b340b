namespace Dibao.Verification.Sandbox.Population;

/// <param name="From">First month paid (first day of that month).</param>
/// <param name="To">Last month paid (first day of that month).</param>
public sealed record SyntheticUnemploymentBenefit(decimal MonthlyAmount, DateOnly From, DateOnly To);
