using System.Collections.Concurrent;
using System.Data.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>
/// A transient database failure in the middle of a unit of work (a dropped connection, as a failover causes) is retried
/// whole by the execution strategy, and the retry stores nothing twice: the batch, its questions, their outbox rows, the
/// answers and the evaluations are each there once, and every household gets its outcome.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRetryTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task Units_of_work_failing_once_midway_are_retried_whole_and_store_everything_once()
    {
        var failures = new TransientFailures(
            "INSERT INTO \"Outbox\"",        // submitting the batch: after the batch row, inside the transaction
            "UPDATE \"AgencyQueries\"",      // recording an agency's answers: after the answers themselves
            "UPDATE \"Households\"");        // settling households: before their evaluations and cases are inserted
        await using var hub = await RunningHub.StartOnPostgresAsync(
            await cluster.CreateDatabaseAsync(),
            builder => builder.Services.ConfigureDbContext<PostgresHubDbContext>(db => db.AddInterceptors(failures)));
        var households = hub.Sandbox.Population.Households(start: 1500).Take(40).ToList();
        var members = households.Sum(h => h.Members.Count);

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, BatchVerificationTests.AsOf));
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);

        failures.Injected.OrderBy(p => p, StringComparer.Ordinal).ShouldBe(failures.Patterns.Order(StringComparer.Ordinal), "each failure was injected once");
        BatchVerificationTests.ShouldMatchPolicy(hub.Oracle, households, view);
        var (batches, stored, queries, unasked, questions, evaluations, cases) = await hub.QueryDatabaseAsync(async db => (
            await db.Batches.CountAsync(),
            await db.Members.CountAsync(),
            await db.AgencyQueries.CountAsync(),
            await db.AgencyQueries.CountAsync(q => !db.AgencyAnswers.Any(a => a.QueryId == q.Id)),
            await db.Outbox.CountAsync(m => m.MessageType == typeof(QueryAgency).FullName),
            await db.Evaluations.CountAsync(),
            await db.Cases.CountAsync()));
        batches.ShouldBe(1);
        stored.ShouldBe(members);
        unasked.ShouldBe(0, "every question stored asks about someone");
        questions.ShouldBe(queries, "one outbox row per question");
        evaluations.ShouldBe(households.Count);
        cases.ShouldBe(households.Count);
        var sourcesPerMember = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.GroupBy(a => a.MemberId).Select(g => g.Count()).Distinct().ToListAsync());
        sourcesPerMember.ShouldHaveSingleItem().ShouldBeGreaterThanOrEqualTo(hub.Agencies.Count);
    }

    /// <summary>Fails the first command whose text contains each pattern, as a dropped connection would.</summary>
    private sealed class TransientFailures(params string[] patterns) : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<string, bool> _injected = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Patterns => patterns;

        public IReadOnlyCollection<string> Injected => [.. _injected.Keys];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            FailOnce(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            FailOnce(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void FailOnce(DbCommand command)
        {
            foreach (var pattern in patterns)
            {
                if (command.CommandText.Contains(pattern, StringComparison.Ordinal) && _injected.TryAdd(pattern, true))
                {
                    throw new NpgsqlException("Injected: the connection dropped", new IOException("Connection reset by peer"));
                }
            }
        }
    }
}
