using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Puts every SQLite connection in write-ahead-log mode with normal synchronisation: readers (the API) no longer wait
/// for the writer, and a commit no longer waits for the disk, which is what lets the outbox mark each message sent on
/// its own. A killed process loses nothing committed; only a power cut can take the last commits, as with any WAL database.
/// A writer that finds another writing waits in SQLite itself, which looks again within milliseconds: left to
/// Microsoft.Data.Sqlite, every such meeting blocked a thread for 150 ms, and the hub's writers (answers, settlements,
/// the outbox) meet all the time. The log is copied back by <see cref="SqliteCheckpointer"/>; SQLite's own checkpoint,
/// which makes a writer do it, only comes in at 64 MB.
/// </summary>
internal sealed class SqliteWriteAheadLog : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=16384;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
