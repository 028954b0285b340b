namespace Dibao.Verification.Contracts.V1;

public enum IncomeCategory
{
    Wages = 1,
    LaborRemuneration = 2,
    Business = 3,
    InterestDividend = 4,
    PropertyLease = 5,
}
