using System.Net;
using Dibao.Verification.Adapters.BusinessRegistry.Wire;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;
using Refit;

namespace Dibao.Verification.Adapters.BusinessRegistry;

/// <summary>The administration takes no as-of date: it answers about today, so the question's date is not sent.</summary>
internal sealed class BusinessRegistryQuery(IBusinessRegistryApi api, ILogger<BusinessRegistryQuery> logger)
    : AgencyLookup(BusinessRegistryAdapter.Code, BusinessRegistryAdapter.BatchMaximum, logger)
{
    private const string SingleQuery = "the entities query";
    private const string BatchQuery = "the batch query";

    protected override async Task<PersonFinding> QueryOneAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken)
    {
        var entities = new List<EntityWire>();
        int? total = null;
        for (var page = 1; ; page++)
        {
            using var response = await api.GetEntitiesAsync(idNumber, page, BusinessRegistryAdapter.PageSize, cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest && page == 1)
            {
                return RefusedPerson(idNumber, ErrorCode(response));
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Rejection(response, SingleQuery);
            }

            var answer = Content(response, SingleQuery);
            if (answer.Page != page || answer.Total < 0)
            {
                throw WireFormat.Unreadable($"{Agency} answered page {page} of {SingleQuery} with page {answer.Page} of {answer.Total} items.");
            }

            // Entities registered or struck off between two pages would leave a mix of two lists: read them all again later.
            if (total is { } first && first != answer.Total)
            {
                throw new AgencyUnavailableException($"{Agency} changed the number of entities from {first} to {answer.Total} while {SingleQuery} was read page by page.");
            }

            total = answer.Total;
            entities.AddRange(answer.Items);
            if (entities.Count > answer.Total || (answer.Items.Count == 0 && entities.Count < answer.Total))
            {
                throw WireFormat.Unreadable($"{Agency} answered {SingleQuery} with {entities.Count} items by page {page} of a total of {answer.Total}.");
            }

            if (entities.Count == answer.Total)
            {
                return BusinessRegistryTranslator.ToFinding(idNumber, entities);
            }
        }
    }

    protected override async Task<IReadOnlyDictionary<string, PersonFinding>> QueryBatchAsync(
        IReadOnlyList<string> idNumbers, DateOnly asOf, CancellationToken cancellationToken)
    {
        using var response = await api.BatchQueryAsync(new BatchQueryRequestWire(idNumbers), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Rejection(response, BatchQuery);
        }

        var asked = idNumbers.ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        foreach (var result in Content(response, BatchQuery).Results)
        {
            if (!asked.Contains(result.IdNumber) || findings.ContainsKey(result.IdNumber))
            {
                throw WireFormat.Unreadable($"{Agency} answered {BatchQuery} with a person not asked about, or twice.");
            }

            findings[result.IdNumber] = ReadPerson(result.IdNumber, () => BusinessRegistryTranslator.ToFinding(result.IdNumber, result.Items));
        }

        // The administration promises every id once: a missing one is its error, not "no entities".
        if (findings.Count != asked.Count)
        {
            throw WireFormat.Unreadable($"{Agency} left {asked.Count - findings.Count} of {asked.Count} persons out of {BatchQuery}.");
        }

        return findings;
    }

    /// <summary>A 401 here is about the signature or the clock, not an API key; the rest as for every agency.</summary>
    private Exception Rejection(IApiResponse response, string operation) =>
        response.StatusCode == HttpStatusCode.Unauthorized
            ? new AgencyRejectedException(
                AgencyResponses.RefusalCode(response, HttpStatusCode.Unauthorized),
                $"{Agency} refused the signature of {operation} (401): check AppId, Secret and that this host's clock is within 300 s of the agency's.")
            : Failure(response, operation);
}
