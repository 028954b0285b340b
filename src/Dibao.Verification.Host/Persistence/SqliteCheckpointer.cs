using Microsoft.Data.Sqlite;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file every second, on a connection of its own. Left to
/// SQLite, the commit that fills the log past its limit does the copying itself, while every other writer waits for it:
/// a 1,000-household batch writes some 30 MB, a dozen such pauses. A passive checkpoint waits for nobody and is cheap when
/// nothing was written; SQLite's own checkpoint stays as a safety net should this one fall behind
/// (<see cref="SqliteWriteAheadLog"/>).
/// </summary>
internal sealed partial class SqliteCheckpointer(DatabaseOptions options, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>SQLITE_CANTOPEN: the file is not there (yet).</summary>
    private const int CannotOpen = 14;

    /// <summary>
    /// Built once, not every second (preparing it creates the data folder). Never the one to create the file: the
    /// migrations do that, and they take an empty file for a database.
    /// </summary>
    private readonly string _existingOnly =
        new SqliteConnectionStringBuilder(PersistenceRegistration.PrepareSqlite(options.ConnectionString)) { Mode = SqliteOpenMode.ReadWrite }.ToString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (SqliteException ex)
            {
                // The next tick tries again, and SQLite's own checkpoint keeps the log bounded meanwhile.
                LogFailed(logger, ex);
            }
        }
    }

    /// <returns>The frames in the log, and how many of them are now in the database file; none while there is no database.</returns>
    internal async Task<(long Frames, long Copied)> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_existingOnly);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == CannotOpen)
        {
            return (0, 0);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        return await result.ReadAsync(cancellationToken) ? (result.GetInt64(1), result.GetInt64(2)) : (0, 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the SQLite write-ahead log failed; trying again in a second")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
