using System.Net;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund.Wire;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.HousingFund;

/// <summary>The centre keeps no history by date, so the question's as-of date is not sent.</summary>
internal sealed class HousingFundQuery(IHousingFundApi api, ILogger<HousingFundQuery> logger)
    : AgencyLookup(HousingFundAdapter.Code, HousingFundAdapter.BatchMaximum, logger)
{
    protected override async Task<PersonFinding> QueryOneAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken)
    {
        using var response = await api.GetAccountsAsync(idNumber, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return HousingFundTranslator.ToFinding(idNumber, Content(response, "the accounts query").Accounts);

            case HttpStatusCode.BadRequest:
                return RefusedPerson(idNumber, ErrorCode(response));

            default:
                throw Failure(response, "the accounts query");
        }
    }

    protected override async Task<IReadOnlyDictionary<string, PersonFinding>> QueryBatchAsync(
        IReadOnlyList<string> idNumbers, DateOnly asOf, CancellationToken cancellationToken)
    {
        using var response = await api.BatchAsync(new BatchRequestWire(idNumbers), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(response, "the batch query");
        }

        var asked = idNumbers.ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        foreach (var result in Content(response, "the batch query").Results)
        {
            if (!asked.Contains(result.IdNumber) || findings.ContainsKey(result.IdNumber))
            {
                throw WireFormat.Unreadable($"{Agency} answered the batch query with a person not asked about, or twice.");
            }

            findings[result.IdNumber] = ReadPerson(result.IdNumber, () => HousingFundTranslator.ToFinding(result.IdNumber, result.Accounts));
        }

        // The centre promises every id once: a missing one is its error, not "no accounts".
        if (findings.Count != asked.Count)
        {
            throw WireFormat.Unreadable($"{Agency} left {asked.Count - findings.Count} of {asked.Count} persons out of the batch answer.");
        }

        return findings;
    }
}
