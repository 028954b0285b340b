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

        var now = clock.GetUtcNow().UtcDateTime;
        var window = IncomeWindow.Before(batch.AsOf, parameters.IncomeLookbackMonths);
        var sources = agencies.SelectMany(agency => AgencySources.Of(agency, options.Value.Banks)).ToList();

        // Every source's question about the first members goes out before any about the next: agencies work through
        // their queues in order, so the first households of a large batch settle early and progress moves steadily.
        var ordinal = 0;
        foreach (var chunk in members.Chunk(Math.Max(1, options.Value.PersonsPerQuery)))
        {
            foreach (var source in sources)
            {
                var query = new AgencyQuery
                {
                    Id = Guid.CreateVersion7(),
                    BatchId = batch.Id,
                    Agency = source,
                    PlannedAtUtc = now,
                    Ordinal = ordinal,
                    RequestedBy = cause.RequestedBy,
                    Purpose = cause.Purpose,
                };
                db.AgencyQueries.Add(query);
                foreach (var member in chunk)
                {
                    awaited.Add(new AgencyAnswerRecord
                    {
                        Id = Guid.CreateVersion7(),
                        QueryId = query.Id,
                        BatchId = batch.Id,
                        HouseholdId = member.HouseholdId,
                        RoundId = member.RoundId,
                        MemberId = member.Id,
                        Source = source,
                        IdNumber = member.IdNumber,
                        IdHash = member.IdHash,
                    });
                }

                messages.SendHeld(
                    query.Id,
                    new QueryAgency(query.Id, source, batch.AsOf, window.FromMonth, window.ToMonth,
                        [.. chunk.Select(m => new PersonToCheck(m.IdNumber, m.Name))]),
                    QueueName(source));
            }

            ordinal++;
        }

        return awaited;
    }

    /// <summary>The queue an agency's adapter listens on; every bank's questions go to the one bank adapter.</summary>
    public static string QueueName(string source) => "agency-" + AgencySources.AgencyOf(source);
}
