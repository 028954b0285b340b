using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Brings PostgreSQL's statistics of the tables a batch fills up to date as soon as the batch is stored, when it grew them
/// by more than a tenth: autovacuum's own rule, without waiting for its next pass. A new hub's tables have no statistics,
/// and PostgreSQL then takes a look by round at a batch's answers for most of the table: every look for ready households
/// and every settlement pass read the whole answers table (80 to 480 ms each at 10,000 households) until autovacuum came
/// by, which was after the batch had finished.
/// </summary>
internal static class PostgresStatistics
{
    /// <summary>Autovacuum's default <c>autovacuum_analyze_scale_factor</c>.</summary>
    private const double GrowthWorthAnalysing = 0.1;

    /// <returns>Whether the tables were analysed.</returns>
    public static async Task<bool> AnalyseIfGrownAsync(HubDbContext db, int answersAdded, CancellationToken cancellationToken)
    {
        var answers = Table<AgencyAnswerRecord>(db);

        // Never analysed is -1 (0 before PostgreSQL 14). Members and households grow with the answers.
        var known = await db.Database
            .SqlQuery<float>($"""SELECT reltuples AS "Value" FROM pg_class WHERE oid = to_regclass({answers})""")
            .SingleAsync(cancellationToken);
        if (known > 0 && answersAdded <= known * GrowthWorthAnalysing)
        {
            return false;
        }

        var analyse = $"ANALYZE {answers}, {Table<Member>(db)}, {Table<Household>(db)}";
        await db.Database.ExecuteSqlRawAsync(analyse, cancellationToken);
        return true;
    }

    private static string Table<T>(HubDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var name = $"\"{type.GetTableName()}\"";
        return type.GetSchema() is { } schema ? $"\"{schema}\".{name}" : name;
    }
}
