using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Brings PostgreSQL's statistics of tables that just grew up to date when they grew by more than a tenth: autovacuum's
/// own rule, without waiting for its next pass. A new hub's tables have no statistics, and PostgreSQL then takes a look
/// by round at a batch's answers for most of the table: every look for ready households and every settlement pass read
/// the whole answers table (80 to 480 ms each at 10,000 households) until autovacuum came by, which was after the batch
/// had finished. A roll just imported was read the same way by the first re-comparison.
/// </summary>
public static partial class PostgresStatistics
{
    /// <summary>Autovacuum's default <c>autovacuum_analyze_scale_factor</c>.</summary>
    private const double GrowthWorthAnalysing = 0.1;

    /// <summary>
    /// After <paramref name="added"/> rows were stored in <paramref name="grown"/>'s table and the tables of
    /// <paramref name="alongside"/> grew with it: on PostgreSQL, analyses them all when that is more than a tenth of what
    /// its statistics counted, or they were never analysed. Nothing on the other providers. The rows are stored whatever
    /// becomes of this: a failure is logged, and autovacuum analyses them later.
    /// </summary>
    /// <returns>Whether the tables were analysed.</returns>
    public static async Task<bool> AfterGrowthAsync(
        HubDbContext db, ILogger logger, Type grown, int added, IReadOnlyList<Type> alongside, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return false;
        }

        var table = Table(db, grown);
        try
        {
            // Never analysed is -1 (0 before PostgreSQL 14).
            var known = await db.Database
                .SqlQuery<float>($"""SELECT reltuples AS "Value" FROM pg_class WHERE oid = to_regclass({table})""")
                .SingleAsync(cancellationToken);
            if (known > 0 && added <= known * GrowthWorthAnalysing)
            {
                return false;
            }

            var analyse = $"ANALYZE {string.Join(", ", [table, .. alongside.Select(t => Table(db, t))])}";
            await db.Database.ExecuteSqlRawAsync(analyse, cancellationToken);
            LogAnalysed(logger, table, added);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, table, ex);
            return false;
        }
    }

    private static string Table(HubDbContext db, Type entity)
    {
        var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var name = $"\"{type.GetTableName()}\"";
        return type.GetSchema() is { } schema ? $"\"{schema}\".{name}" : name;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table} grew by more than a tenth ({Rows} rows): PostgreSQL's statistics of it are up to date")]
    private static partial void LogAnalysed(ILogger logger, string table, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring PostgreSQL's statistics of {Table} up to date; autovacuum will, later")]
    private static partial void LogFailed(ILogger logger, string table, Exception exception);
}
