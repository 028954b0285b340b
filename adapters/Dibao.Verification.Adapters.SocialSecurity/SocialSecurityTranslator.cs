using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.SocialSecurity.Wire;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.SocialSecurity;

internal static class SocialSecurityTranslator
{
    private const string Agency = SocialSecurityAdapter.Code;

    public static PersonFinding ToFinding(string idNumber, InsuredPersonWire person) =>
        PersonFindings.FromFacts(idNumber, new PersonFacts
        {
            Pensions = person.Pensions.Select(ToFact).ToList(),
            Employments = person.Employment.Select(ToFact).ToList(),
            UnemploymentBenefits = person.UnemploymentBenefit is { } benefit ? [ToFact(benefit)] : [],
        });

    private static PensionFact ToFact(PensionWire pension) => new(
        pension.Scheme switch
        {
            "enterprise-employee" => PensionScheme.EnterpriseEmployee,
            "institution" => PensionScheme.Institution,
            "urban-rural-resident" => PensionScheme.UrbanRuralResident,
            _ => throw WireFormat.UnknownCode(Agency, "pension scheme", pension.Scheme),
        },
        WireFormat.NonNegative(pension.MonthlyAmount, Agency, "pension monthlyAmount"),
        pension.Since is null ? null : WireFormat.Date(pension.Since, "yyyy-MM-dd", Agency, "pension since"),
        pension.Status switch
        {
            "paying" => PensionStatus.Paying,
            "suspended" => PensionStatus.Suspended,
            "terminated" => PensionStatus.Terminated,
            _ => throw WireFormat.UnknownCode(Agency, "pension status", pension.Status),
        });

    private static EmploymentFact ToFact(EmploymentWire employment) => new(
        WireFormat.Descriptive(employment.EmployerName),
        employment.EmployerCreditCode,
        WireFormat.NonNegative(employment.ContributionBase, Agency, "contributionBase"),
        Month(employment.From, "employment from"),
        employment.To is null ? null : Month(employment.To, "employment to"));

    private static UnemploymentBenefitFact ToFact(UnemploymentBenefitWire benefit) => new(
        WireFormat.NonNegative(benefit.MonthlyAmount, Agency, "unemployment benefit monthlyAmount"),
        Month(benefit.From, "unemployment benefit from"),
        benefit.To is null ? null : Month(benefit.To, "unemployment benefit to"));

    private static DateOnly Month(string value, string field) => WireFormat.Month(value, "yyyy-MM", Agency, field);
}
