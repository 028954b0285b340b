namespace Dibao.Verification.Domain.Policy;

public static class ReasonCodes
{
    public const string IncomeAboveStandard = "INCOME_ABOVE_STANDARD";
    public const string FinancialAssetsAboveLimit = "FINANCIAL_ASSETS_ABOVE_LIMIT";
    public const string ForeignCurrencyAssetsReview = "FOREIGN_CURRENCY_ASSETS_REVIEW";
    public const string VehicleOwned = "VEHICLE_OWNED";
    public const string BusinessOwned = "BUSINESS_OWNED";
    public const string IndividualBusinessReview = "INDIVIDUAL_BUSINESS_REVIEW";
    public const string CooperativeReview = "COOPERATIVE_REVIEW";
    public const string NameIdMismatch = "NAME_ID_MISMATCH";
    public const string AgencyRefused = "AGENCY_REFUSED";
    public const string AgencyUnavailable = "AGENCY_UNAVAILABLE";
    public const string AgencyQueryRefused = "AGENCY_QUERY_REFUSED";
    public const string IncomeWindowNotCovered = "INCOME_WINDOW_NOT_COVERED";
    public const string StaffRelativeReview = "STAFF_RELATIVE_REVIEW";
    public const string ConsentExpired = "CONSENT_EXPIRED";
    public const string DeclarationMismatch = "DECLARATION_MISMATCH";
    public const string DuplicateEnrolment = "DUPLICATE_ENROLMENT";
}
