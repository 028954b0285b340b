using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>Answers a <see cref="QueryAgency"/> with one <see cref="AgencyFindingsReported"/> covering every person asked.</summary>
public abstract class AgencyQueryConsumer : IConsumer<QueryAgency>
{
    private readonly string _agency;
    private readonly Func<QueryAgency, AgencyQuery> _queryFor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected AgencyQueryConsumer(string agency, AgencyQuery query, TimeProvider time, ILogger logger)
        : this(agency, _ => query, time, logger)
    {
    }

    /// <summary>For agencies that must be asked with more of the question than ids and the as-of date (names, the income window).</summary>
    protected AgencyQueryConsumer(string agency, Func<QueryAgency, AgencyQuery> queryFor, TimeProvider time, ILogger logger)
    {
        _agency = agency;
        _queryFor = queryFor;
        _time = time;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<QueryAgency> context)
    {
        var question = context.Message;
        using var attempts = AttemptCounter.Start();
        var findings = await _queryFor(question).FindAsync(question.Persons, question.AsOf, context.CancellationToken);

        await context.Publish(
            new AgencyFindingsReported(question.QueryId, _agency, _time.GetUtcNow(), attempts.Count, findings),
            context.CancellationToken);

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
