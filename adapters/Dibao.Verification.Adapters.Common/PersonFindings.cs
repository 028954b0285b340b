using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Common;

public static class PersonFindings
{
    public static PersonFinding NoRecords(string idNumber) => new(idNumber, FindingKind.NoRecords, null, new PersonFacts());

    public static PersonFinding Refused(string idNumber, string refusalCode) => new(idNumber, FindingKind.Refused, refusalCode, new PersonFacts());

    /// <summary>RecordsFound when any list holds something, otherwise NoRecords.</summary>
    public static PersonFinding FromFacts(string idNumber, PersonFacts facts)
    {
        var any = facts.Pensions.Count + facts.Employments.Count + facts.UnemploymentBenefits.Count + facts.HousingFundAccounts.Count
            + facts.TaxedIncome.Count + facts.Businesses.Count + facts.Vehicles.Count + facts.FinancialAccounts.Count > 0;
        return any ? new PersonFinding(idNumber, FindingKind.RecordsFound, null, facts) : NoRecords(idNumber);
    }
}
