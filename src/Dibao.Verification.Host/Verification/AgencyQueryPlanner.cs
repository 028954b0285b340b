using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Turns a round's members into questions: one awaited answer per member and source (an agency, or one bank of the
/// banks), and the queries that ask for them, all in the caller's unit of work. The queries are held, to be sent as
/// their agencies have room (<see cref="QueryRelease"/>).
/// </summary>
public sealed class AgencyQueryPlanner(
    HubDbContext db,
    HubMessages messages,
    IOptions<VerificationOptions> options,
    TimeProvider clock)
{
    /// <returns>The awaited answers, for the caller to store in the same unit of work (a large batch stores them in bulk).</returns>
    /// <param name="cause">Who asks and why, kept with each query for the audit trail.</param>
    public IReadOnlyList<AgencyAnswerRecord> Plan(Batch batch, IReadOnlyList<Member> members, PolicyParameters parameters, QueryCause cause) =>
        Plan(batch, members, parameters, cause, options.Value.Agencies);

    /// <summary>Asks only the given agencies or sources: a re-verification asks again only those whose answers are missing.</summary>
    /// <inheritdoc cref="Plan(Batch, IReadOnlyList{Member}, PolicyParameters, QueryCause)"/>
    public IReadOnlyList<AgencyAnswerRecord> Plan(Batch batch, IReadOnlyList<Member> members, PolicyParameters parameters, QueryCause cause, IEnumerable<string> agencies)
    {
        var awaited = new List<AgencyAnswerRecord>();
        if (members.Count == 0)
        {
            return awaited;
        }

        var asked = new QueryPlan(batch.Id, batch.AsOf, IncomeWindow.Before(batch.AsOf, parameters.IncomeLookbackMonths), cause, clock.GetUtcNow().UtcDateTime);
        var sources = agencies.SelectMany(agency => AgencySources.Of(agency, options.Value.Banks)).ToList();

        // Every source's question about the first members goes out before any about the next: agencies work through
        // their queues in order, so the first households of a large batch settle early and progress moves steadily.
        var ordinal = 0;
        foreach (var chunk in members.Chunk(Math.Max(1, options.Value.PersonsPerQuery)))
        {
            var siblings = Guid.CreateVersion7();
            foreach (var source in sources)
            {
                var query = Ask(asked, source, ordinal, siblings, [.. chunk.Select(m => new PersonToCheck(m.IdNumber, m.Name))]);
                awaited.AddRange(chunk.Select(member => new AgencyAnswerRecord
                {
                    Id = Guid.CreateVersion7(),
                    QueryId = query.Id,
                    BatchId = batch.Id,
                    HouseholdId = member.HouseholdId,
                    RoundId = member.RoundId,
                    MemberId = member.Id,
                    Source = source,
                    IdHash = member.IdHash,
                }));
            }

            ordinal++;
        }

        return awaited;
    }

    /// <summary>
    /// Questions about persons whose answers are kept whole per question rather than per person: a re-comparison chunk
    /// (<paramref name="owner"/>) compares them in memory and stores rows only for what changed.
    /// </summary>
    /// <returns>The sources asked.</returns>
    public IReadOnlyList<string> PlanBulk(Guid owner, DateOnly asOf, IReadOnlyList<PersonToCheck> persons, PolicyParameters parameters, QueryCause cause)
    {
        var asked = new QueryPlan(owner, asOf, IncomeWindow.Before(asOf, parameters.IncomeLookbackMonths), cause, clock.GetUtcNow().UtcDateTime);
        var sources = Sources();
        var ordinal = 0;
        foreach (var chunk in persons.Chunk(Math.Max(1, options.Value.PersonsPerQuery)))
        {
            var siblings = Guid.CreateVersion7();
            foreach (var source in sources)
            {
                Ask(asked, source, ordinal, siblings, chunk);
            }

            ordinal++;
        }

        return sources;
    }

    /// <summary>Every source asked by default: each agency configured, each bank for the banks.</summary>
    public IReadOnlyList<string> Sources() => [.. options.Value.Agencies.SelectMany(agency => AgencySources.Of(agency, options.Value.Banks))];

    /// <summary>The question, held until its source has room.</summary>
    private AgencyQuery Ask(QueryPlan plan, string source, int ordinal, Guid chunk, IReadOnlyList<PersonToCheck> persons)
    {
        var query = new AgencyQuery
        {
            Id = Guid.CreateVersion7(),
            BatchId = plan.Owner,
            Agency = source,
            PlannedAtUtc = plan.At,
            Ordinal = ordinal,
            Chunk = chunk,
            Persons = persons.Count,
            RequestedBy = plan.Cause.RequestedBy,
            Purpose = plan.Cause.Purpose,
            IncomeFromMonth = plan.Window.FromMonth,
            IncomeToMonth = plan.Window.ToMonth,
        };
        db.AgencyQueries.Add(query);
        // To the agency's adapter: every bank's questions go to the one bank adapter.
        messages.SendHeld(query.Id, new QueryAgency(query.Id, source, plan.AsOf, plan.Window.FromMonth, plan.Window.ToMonth, persons), AgencyQueue.Name(AgencyCodes.AgencyOf(source)));
        return query;
    }

    private sealed record QueryPlan(Guid Owner, DateOnly AsOf, IncomeWindow Window, QueryCause Cause, DateTime At);
}
