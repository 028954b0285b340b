using System.Net;
using System.Text;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>
/// A batch that grows the answers by more than a tenth leaves PostgreSQL's statistics of the tables it filled up to date,
/// so that a new hub's first batch is looked up by its indexes; a smaller one leaves them to autovacuum. A roll import
/// does the same for the roll, which the first re-comparison reads.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStatisticsTests(PostgresCluster cluster)
{
    private static readonly string[] Tables = ["AgencyAnswers", "Members", "Households"];
    private static readonly string[] RollTables = ["RollMembers", "RollHouseholds"];

    [PostgresFact]
    public async Task A_batch_that_grows_the_answers_by_more_than_a_tenth_leaves_them_analysed_and_a_smaller_one_does_not()
    {
        await using var hub = await HubAnalysingAloneAsync(Tables);

        // Forty households ask about 1,200 answers; one, at most a dozen sources for each of its members.
        var households = hub.Sandbox.Population.Households(start: 1500).Take(41).ToList();

        (await hub.SubmitAsync(HouseholdBatches.Json(households[..40], BatchVerificationTests.AsOf))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var first = await StatisticsAsync(hub);
        (await hub.SubmitAsync(HouseholdBatches.Json(households[40..], BatchVerificationTests.AsOf))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var second = await StatisticsAsync(hub);

        foreach (var table in Tables)
        {
            first[table].Rows.ShouldBeGreaterThan(0);
            first[table].Estimate.ShouldBe(first[table].Rows, $"{table}: analysed once the first batch was stored");
            second[table].Rows.ShouldBeGreaterThan(first[table].Rows);
            second[table].Estimate.ShouldBe(first[table].Rows, $"{table}: not analysed again for a batch of a tenth or less");
        }
    }

    [PostgresFact]
    public async Task A_roll_import_into_an_empty_roll_leaves_it_analysed()
    {
        await using var hub = await HubAnalysingAloneAsync(RollTables);

        var csv = HouseholdBatches.RollCsv([.. hub.Sandbox.Population.Households(start: 1600).Take(10)], _ => "2024-03-01");
        var imported = await hub.Client.PostAsync("/api/v1/roll/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));

        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var statistics = await StatisticsAsync(hub, RollTables);
        foreach (var table in RollTables)
        {
            statistics[table].Rows.ShouldBeGreaterThan(0);
            statistics[table].Estimate.ShouldBe(statistics[table].Rows, $"{table}: analysed once the import was stored");
        }
    }

    /// <summary>A hub on a new database whose <paramref name="tables"/> autovacuum leaves alone: its pass could analyse them at any moment.</summary>
    private async Task<RunningHub> HubAnalysingAloneAsync(IReadOnlyList<string> tables)
    {
        var hub = await RunningHub.StartOnPostgresAsync(await cluster.CreateDatabaseAsync());
        foreach (var table in tables)
        {
            var off = $"""ALTER TABLE "{table}" SET (autovacuum_enabled = false)""";
            await hub.QueryDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(off));
        }

        return hub;
    }

    /// <summary>Each table's rows as the planner estimates them (the last analysis's count, exact for tables this small), and as stored.</summary>
    private static async Task<Dictionary<string, (long Estimate, long Rows)>> StatisticsAsync(RunningHub hub, IReadOnlyList<string>? tables = null)
    {
        var statistics = new Dictionary<string, (long, long)>();
        foreach (var table in tables ?? Tables)
        {
            var read = $"""SELECT reltuples::bigint AS "Estimate", (SELECT count(*) FROM "{table}") AS "Rows" FROM pg_class WHERE oid = '"{table}"'::regclass""";
            var row = await hub.QueryDatabaseAsync(db => db.Database.SqlQueryRaw<TableRows>(read).SingleAsync());
            statistics[table] = (row.Estimate, row.Rows);
        }

        return statistics;
    }

    private sealed record TableRows(long Estimate, long Rows);
}
