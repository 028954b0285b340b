namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// Everything every agency holds about one person as of <see cref="AsOf"/>, in the agencies' own
/// codes. Simulators render it; tests and benchmarks read it to know what the hub should conclude.
/// </summary>
/// <param name="Name">The name the agencies hold and the household applied with.</param>
/// <param name="NameAtTaxBureau">Differs from <see cref="Name"/> for about one person in 40.</param>
public sealed record SyntheticPerson(
    string IdNumber,
    string Name,
    string NameAtTaxBureau,
    DateOnly BirthDate,
    bool IsMale,
    DateOnly AsOf,
    SyntheticProfile Profile,
    IReadOnlyList<SyntheticPension> Pensions,
    IReadOnlyList<SyntheticEmployment> Employments,
    SyntheticUnemploymentBenefit? UnemploymentBenefit,
    IReadOnlyList<SyntheticHousingFundAccount> HousingFundAccounts,
    IReadOnlyList<SyntheticTaxRecord> TaxRecords,
    IReadOnlyList<SyntheticBusiness> Businesses,
    IReadOnlyList<SyntheticVehicle> Vehicles,
    IReadOnlyList<SyntheticBankAccount> BankAccounts)
{
    /// <summary>False means the social security bureau answers PERSON_NOT_FOUND.</summary>
    public bool HasSocialInsuranceRecords => Pensions.Count > 0 || Employments.Count > 0 || UnemploymentBenefit is not null;

    public bool NameDiffersAtTaxBureau => !string.Equals(Name, NameAtTaxBureau, StringComparison.Ordinal);

    /// <summary>The balances in yuan; deposits in another currency are not added in.</summary>
    public decimal TotalBankBalance => BankAccounts.Where(a => a.Currency == "CNY").Sum(a => a.Balance);

    public bool HasForeignDeposits => BankAccounts.Any(a => a.Currency != "CNY" && a.Balance != 0);
}
