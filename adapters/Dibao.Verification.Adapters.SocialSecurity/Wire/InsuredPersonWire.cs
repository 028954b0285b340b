namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <summary>One insured person as the bureau answers it, single or in bulk.</summary>
internal sealed record InsuredPersonWire(
    string IdNumber,
    IReadOnlyList<PensionWire> Pensions,
    IReadOnlyList<EmploymentWire> Employment,
    string? Name = null,
    UnemploymentBenefitWire? UnemploymentBenefit = null);
