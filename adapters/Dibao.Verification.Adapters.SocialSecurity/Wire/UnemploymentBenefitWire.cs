namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <param name="From">yyyy-MM.</param>
/// <param name="To">yyyy-MM.</param>
internal sealed record UnemploymentBenefitWire(decimal MonthlyAmount, string From, string? To = null);
