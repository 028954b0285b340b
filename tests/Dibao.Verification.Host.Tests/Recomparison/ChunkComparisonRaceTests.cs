using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>
/// On PostgreSQL (read committed) an answer to a chunk's question that arrives while the chunk is being compared is never
/// lost: it waits for the comparison, then finds the chunk compared and is audited as late, rather than being kept after
/// the comparison read the chunk's answers and deleted with them, unused and unaudited.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChunkComparisonRaceTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task An_answer_during_the_comparison_of_its_chunk_waits_for_it_and_is_audited_as_late()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var services = AnswerRecorderServices.On("Postgres", database);
        var (query, chunk, _) = await ChunkQuestion.SeedAsync(services, compared: false);

        // The comparison's transaction as it runs: its first statement marks the chunk compared; it has read the answers.
        await using var comparison = new NpgsqlConnection(database);
        await comparison.OpenAsync();
        await using var transaction = await comparison.BeginTransactionAsync();
        await ExecuteAsync(comparison, """UPDATE "RecomparisonChunks" SET "ComparedAtUtc" = now() WHERE "Id" = @chunk AND "ComparedAtUtc" IS NULL""", chunk);

        var recording = RecordAsync(services, new AgencyFindingsReported(query, "tax", DateTimeOffset.UtcNow, 1,
            [new PersonFinding(ChunkQuestion.Found, FindingKind.NoRecords, null, new PersonFacts())]));
        await Task.WhenAny(recording, WaitingOnALockAsync(database));

        // The comparison ends by deleting the answers it compared, and commits.
        await ExecuteAsync(comparison, """DELETE FROM "RecomparisonAnswers" WHERE "ChunkId" = @chunk""", chunk);
        await transaction.CommitAsync();
        await recording;

        var late = await HubDatabase.InScopeAsync(services, db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKinds.LateAnswer).ToListAsync());
        late.ShouldHaveSingleItem("the answer came after its chunk's answers were read: recorded as late, not lost").Outcome.ShouldBe("late:answered:no-records");
        (await HubDatabase.InScopeAsync(services, db => db.RecomparisonAnswers.CountAsync())).ShouldBe(0);
    }

    private static async Task RecordAsync(IServiceProvider services, AgencyFindingsReported report)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().FindingsAsync(report, deliveredBy: null, CancellationToken.None);
    }

    /// <summary>Until another session of the database waits for a lock that a transaction holds.</summary>
    private static async Task WaitingOnALockAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            await Task.Delay(20);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, Guid chunk)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("chunk", chunk);
        await command.ExecuteNonQueryAsync();
    }
}
