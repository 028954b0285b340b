using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// One person's part of an answer about several, read by <paramref name="translate"/>. A value in it the adapter cannot
    /// read (a code the interface does not list, a negative amount, a month not asked about) refuses that person alone under
    /// <see cref="QueryRefusalCodes.UnreadableAnswer"/>: it is theirs, so it says nothing against the others in the same
    /// answer, and refused rather than dropped, since a record of a kind the adapter does not know may be income or assets.
    /// Whose part it is must already be settled, strictly, by the caller: nothing here matches a result to a person.
    /// </summary>
    /// <param name="source">The agency or bank named in the log, e.g. <c>bank:ICBC</c>.</param>
    public static PersonFinding Read(string source, string idNumber, Func<PersonFinding> translate, ILogger logger)
    {
        try
        {
            return translate();
        }
        catch (AgencyRejectedException ex) when (ex.Code == QueryRefusalCodes.UnreadableAnswer)
        {
            // The message names the field and, at most, a value safe as a code: never the person's data.
            logger.LogWarning(ex, "{Source} answered about identity number {IdNumber} with what cannot be read; refused for that person alone", source, IdentityNumberFormat.Mask(idNumber));
            return Refused(idNumber, QueryRefusalCodes.UnreadableAnswer);
        }
    }
}
