namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <param name="From">yyyy-MM.</param>
/// <param name="To">yyyy-MM; null while contributions continue.</param>
/// <param name="EmployerName">Descriptive only: the contribution base is what counts, whoever pays it.</param>
internal sealed record EmploymentWire(
    decimal ContributionBase,
    string From,
    string? EmployerName = null,
    string? EmployerCreditCode = null,
    string? To = null);
