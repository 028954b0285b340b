using System.Globalization;
using System.Net;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.SocialSecurity.Wire;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.SocialSecurity;

internal sealed class SocialSecurityQuery(ISocialSecurityApi api, ILogger<SocialSecurityQuery> logger)
    : AgencyLookup(SocialSecurityAdapter.Code, SocialSecurityAdapter.BatchMaximum, logger)
{
    private const string PersonNotFound = "PERSON_NOT_FOUND";

    protected override async Task<PersonFinding> QueryOneAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken)
    {
        using var response = await api.GetInsuredPersonAsync(idNumber, Format(asOf), cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var person = Content(response, "the single query");
                return person.IdNumber == idNumber
                    ? SocialSecurityTranslator.ToFinding(idNumber, person)
                    : throw WireFormat.Unreadable($"{Agency} answered the single query about a different person.");

            // Only the documented code means "no records": a bare 404 may be a wrong base URL.
            case HttpStatusCode.NotFound when ErrorCode(response) == PersonNotFound:
                return PersonFindings.NoRecords(idNumber);

            case HttpStatusCode.BadRequest:
                return RefusedPerson(idNumber, ErrorCode(response));

            default:
                throw Failure(response, "the single query");
        }
    }

    protected override async Task<IReadOnlyDictionary<string, PersonFinding>> QueryBatchAsync(
        IReadOnlyList<string> idNumbers, DateOnly asOf, CancellationToken cancellationToken)
    {
        using var response = await api.BatchQueryAsync(new BatchQueryRequestWire(Format(asOf), idNumbers), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(response, "the batch query");
        }

        var asked = idNumbers.ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        foreach (var person in Content(response, "the batch query").Persons)
        {
            if (!asked.Contains(person.IdNumber) || findings.ContainsKey(person.IdNumber))
            {
                throw WireFormat.Unreadable($"{Agency} answered the batch query with a person not asked about, or twice.");
            }

            findings[person.IdNumber] = ReadPerson(person.IdNumber, () => SocialSecurityTranslator.ToFinding(person.IdNumber, person));
        }

        // The bureau leaves out persons without records.
        foreach (var idNumber in idNumbers)
        {
            findings.TryAdd(idNumber, PersonFindings.NoRecords(idNumber));
        }

        return findings;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
