using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>One bank's answer to a query: a finding for every person asked, in the order asked.</summary>
internal static class BankReport
{
    public static async Task SendAsync(
        ConsumeContext context,
        AgencyAnswerInbox inbox,
        AnswerRoute route,
        Guid queryId,
        IReadOnlyList<string> idNumbers,
        IReadOnlyDictionary<string, PersonFinding> found,
        int attempts,
        TimeProvider time,
        ILogger logger)
    {
        var source = route.Agency;
        var findings = idNumbers.Select(id => IdentityNumberFormat.IsWellFormed(id)
                ? found.TryGetValue(id, out var finding) ? finding : throw WireFormat.Unreadable($"The {source} adapter has no finding for a person it asked about.")
                : PersonFindings.Refused(id, RefusalCodes.MalformedIdNumber))
            .ToList();

        await inbox.SendAsync(context, route, new AgencyFindingsReported(queryId, source, time.GetUtcNow(), attempts, findings));

        logger.LogInformation(
            "{Source} answered query {QueryId}: {Found} with accounts, {None} without, {Refused} refused, in {Attempts} HTTP attempts",
            source,
            queryId,
            findings.Count(f => f.Kind == FindingKind.RecordsFound),
            findings.Count(f => f.Kind == FindingKind.NoRecords),
            findings.Count(f => f.Kind == FindingKind.Refused),
            attempts);
    }

    /// <summary>The bank refused the whole query, at submission or at collection: the hub hears it at once.</summary>
    public static async Task RefuseAsync(
        ConsumeContext context,
        AgencyAnswerInbox inbox,
        AnswerRoute route,
        Guid queryId,
        AgencyRejectedException rejection,
        int attempts,
        TimeProvider time,
        ILogger logger)
    {
        logger.LogWarning(rejection, "{Source} refused query {QueryId} as {Code} after {Attempts} HTTP attempts", route.Agency, queryId, rejection.Code, attempts);
        await inbox.SendAsync(context, route, new AgencyQueryRefused(queryId, route.Agency, rejection.Code, time.GetUtcNow()));
    }
}
