using System.Net;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Vehicle.Wire;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Vehicle;

/// <summary>
/// The administration answers about today and takes no as-of date. Busy codes never reach this class:
/// <see cref="VehicleBusyAnswerHandler"/> has already made them failed attempts.
/// </summary>
internal sealed class VehicleQuery(IVehicleApi api, ILogger<VehicleQuery> logger)
    : AgencyLookup(VehicleAdapter.Code, VehicleAdapter.BatchMaximum, logger)
{
    protected override async Task<PersonFinding> QueryOneAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken) =>
        Single(idNumber, await AskAloneAsync(idNumber, cancellationToken));

    protected override async Task<IReadOnlyDictionary<string, PersonFinding>> QueryBatchAsync(
        IReadOnlyList<string> idNumbers, DateOnly asOf, CancellationToken cancellationToken)
    {
        using var response = await api.BatchQueryAsync(new BatchQueryRequestWire(idNumbers), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(response, "the batch query");
        }

        var answer = Content(response, "the batch query");
        switch (answer.Code)
        {
            case VehicleResultCodes.Success:
                return Findings(idNumbers, answer.Data ?? throw WithoutData("the batch query"));

            // The administration checks the check character, which the adapter's shape test does not, and refuses
            // the whole batch without saying which number it means: the single query tells each person apart.
            case VehicleResultCodes.MalformedIdNumber:
                logger.LogWarning("{Agency} refused a batch of {Count} for a malformed identity number; asking about each person alone", Agency, idNumbers.Count);

                // Asked alone, each answer is still part of this batch's: what the adapter cannot read in one refuses that
                // person, not all the others.
                var findings = await Task.WhenAll(idNumbers.Select(async id =>
                {
                    var alone = await AskAloneAsync(id, cancellationToken);
                    return ReadPerson(id, () => Single(id, alone));
                }));
                return findings.ToDictionary(f => f.IdNumber, StringComparer.Ordinal);

            default:
                throw Refused("the batch query", answer.Code);
        }
    }

    private async Task<VehiclesResponseWire> AskAloneAsync(string idNumber, CancellationToken cancellationToken)
    {
        using var response = await api.QueryAsync(idNumber, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? Content(response, "the single query")
            : throw Failure(response, "the single query");
    }

    private PersonFinding Single(string idNumber, VehiclesResponseWire answer)
    {
        switch (answer.Code)
        {
            case VehicleResultCodes.Success:
                return VehicleTranslator.ToFinding(idNumber, answer.Data ?? throw WithoutData("the single query"));

            case VehicleResultCodes.MalformedIdNumber:
                logger.LogWarning("{Agency} refused malformed identity number {IdNumber}", Agency, IdentityNumberFormat.Mask(idNumber));
                return PersonFindings.Refused(idNumber, RefusalCodes.MalformedIdNumber);

            default:
                throw Refused("the single query", answer.Code);
        }
    }

    private Dictionary<string, PersonFinding> Findings(IReadOnlyList<string> idNumbers, IReadOnlyList<BatchResultWire> results)
    {
        var asked = idNumbers.ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (!asked.Contains(result.IdNumber) || findings.ContainsKey(result.IdNumber))
            {
                throw WireFormat.Unreadable($"{Agency} answered the batch query with a person not asked about, or twice.");
            }

            findings[result.IdNumber] = ReadPerson(result.IdNumber, () => VehicleTranslator.ToFinding(result.IdNumber, result.Vehicles));
        }

        // Every number asked about appears once, so a missing one is the administration's error, not "no vehicles".
        if (findings.Count != asked.Count)
        {
            throw WireFormat.Unreadable($"{Agency} left {asked.Count - findings.Count} of {asked.Count} persons out of the batch answer.");
        }

        return findings;
    }

    private AgencyRejectedException WithoutData(string operation) => WireFormat.Unreadable($"{Agency} answered {operation} with code 0 but no data.");

    /// <summary>
    /// A code the interface does not document is still the administration's own error code for the whole question,
    /// the one error field it has, so the hub is told that code rather than a status that is always 200.
    /// </summary>
    private AgencyRejectedException Refused(string operation, string code)
    {
        var reported = QueryRefusalCodes.FromAgency(code, QueryRefusalCodes.UnreadableAnswer);
        return new(reported, $"{Agency} answered {operation} with the unknown code {reported}.");
    }
}
