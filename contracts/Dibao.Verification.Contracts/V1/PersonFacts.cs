namespace Dibao.Verification.Contracts.V1;

/// <summary>
/// Everything an agency said about one person, in the hub's own vocabulary. Each agency fills
/// the lists it knows about and leaves the others empty.
/// </summary>
public sealed record PersonFacts
{
    public IReadOnlyList<PensionFact> Pensions { get; init; } = [];
    public IReadOnlyList<EmploymentFact> Employments { get; init; } = [];
    public IReadOnlyList<UnemploymentBenefitFact> UnemploymentBenefits { get; init; } = [];
    public IReadOnlyList<HousingFundAccountFact> HousingFundAccounts { get; init; } = [];
    public IReadOnlyList<TaxedIncomeFact> TaxedIncome { get; init; } = [];
    public IReadOnlyList<BusinessFact> Businesses { get; init; } = [];
    public IReadOnlyList<VehicleFact> Vehicles { get; init; } = [];
    public IReadOnlyList<FinancialAccountFact> FinancialAccounts { get; init; } = [];
}
