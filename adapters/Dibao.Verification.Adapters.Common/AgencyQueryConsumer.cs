using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Answers a <see cref="QueryAgency"/> with one <see cref="AgencyFindingsReported"/> covering every person asked, or,
/// when the agency refused the whole question, with an <see cref="AgencyQueryRefused"/> at once: asking again would be
/// refused again, and the hub need not wait out the deadline to learn it.
/// </summary>
public abstract class AgencyQueryConsumer : IConsumer<QueryAgency>
{
    private readonly string _agency;
    private readonly Func<QueryAgency, AgencyLookup> _queryFor;
    private readonly AgencyAnswerInbox _inbox;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected AgencyQueryConsumer(string agency, AgencyLookup query, AgencyAnswerInbox inbox, TimeProvider time, ILogger logger)
        : this(agency, _ => query, inbox, time, logger)
    {
    }

    /// <summary>For agencies that must be asked with more of the question than ids and the as-of date (names, the income window).</summary>
    protected AgencyQueryConsumer(string agency, Func<QueryAgency, AgencyLookup> queryFor, AgencyAnswerInbox inbox, TimeProvider time, ILogger logger)
    {
        _agency = agency;
        _queryFor = queryFor;
        _inbox = inbox;
        _time = time;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<QueryAgency> context)
    {
        var question = context.Message;
        var route = AnswerRoute.For(context);
        if (_inbox.TryKept(route, out var kept))
        {
            await _inbox.SendKeptAsync(context, route, kept);
            return;
        }

        using var attempts = AttemptCounter.Start();
        IReadOnlyList<PersonFinding> findings;
        try
        {
            // Not under the delivery's token: the broker going away cancels the deliveries in hand, and a call cancelled
            // once the agency had it would lose its answer, so the question redelivered after the broker's return would
            // ask the agency again. Answered instead, the answer is kept even when sending it fails, and that delivery
            // sends it. The agency's attempt timeout and retries bound the wait.
            findings = await _queryFor(question).FindAsync(question.Persons, question.AsOf, CancellationToken.None);
        }
        catch (AgencyRejectedException ex)
        {
            _logger.LogWarning(ex, "{Agency} refused query {QueryId} as {Code} after {Attempts} HTTP attempts", _agency, question.QueryId, ex.Code, attempts.Count);
            await _inbox.SendAsync(context, route, new AgencyQueryRefused(question.QueryId, _agency, ex.Code, _time.GetUtcNow()));
            return;
        }

        await _inbox.SendAsync(context, route, new AgencyFindingsReported(question.QueryId, _agency, _time.GetUtcNow(), attempts.Count, findings));

        _logger.LogInformation(
            "{Agency} answered query {QueryId}: {Found} with records, {None} without, {Refused} refused, in {Attempts} HTTP attempts",
            _agency,
            question.QueryId,
            findings.Count(f => f.Kind == FindingKind.RecordsFound),
            findings.Count(f => f.Kind == FindingKind.NoRecords),
            findings.Count(f => f.Kind == FindingKind.Refused),
            attempts.Count);
    }
}
