namespace Dibao.Verification.Domain.Policy;

/// <summary>Parameters set at one level of the division tree; unset ones are inherited from the level above.</summary>
public sealed record JurisdictionParameters
{
    public string? Name { get; init; }
    public decimal? MonthlyStandard { get; init; }
    public int? IncomeLookbackMonths { get; init; }
    public int? DepositMonthsOfStandard { get; init; }
    public decimal? BusinessCapitalLimitWan { get; init; }
    public int? HousingFundRecentMonths { get; init; }
    public bool? CountResidentPension { get; init; }

    /// <summary>A fraction: 0.10 lets the found figures exceed the declared ones by 10 % before a mismatch.</summary>
    public decimal? DeclarationTolerance { get; init; }

    /// <summary>This level's values where set, else those of <paramref name="parent"/>.</summary>
    public JurisdictionParameters Over(JurisdictionParameters parent) => new()
    {
        Name = Name ?? parent.Name,
        MonthlyStandard = MonthlyStandard ?? parent.MonthlyStandard,
        IncomeLookbackMonths = IncomeLookbackMonths ?? parent.IncomeLookbackMonths,
        DepositMonthsOfStandard = DepositMonthsOfStandard ?? parent.DepositMonthsOfStandard,
        BusinessCapitalLimitWan = BusinessCapitalLimitWan ?? parent.BusinessCapitalLimitWan,
        HousingFundRecentMonths = HousingFundRecentMonths ?? parent.HousingFundRecentMonths,
        CountResidentPension = CountResidentPension ?? parent.CountResidentPension,
        DeclarationTolerance = DeclarationTolerance ?? parent.DeclarationTolerance,
    };
}
