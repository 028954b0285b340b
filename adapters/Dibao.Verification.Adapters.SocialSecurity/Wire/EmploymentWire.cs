namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <param name="From">yyyy-MM.</param>
/// <param name="To">yyyy-MM; null while contributions continue.</param>
internal sealed record EmploymentWire(
    string EmployerName,
    decimal ContributionBase,
    string From,
    string? EmployerCreditCode = null,
    string? To = null);
