using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// A view built from several queries reads one state of the database: a household's settlement writes its evaluation,
/// its case and the household together, and a view that read the household before that commit and the case after it
/// would show a confirmed case whose verification is still pending.
/// </summary>
public static class ReadSnapshot
{
    /// <summary>Reads from here until the result is disposed see one committed state, and take no write lock.</summary>
    public static async Task<IAsyncDisposable> BeginReadSnapshotAsync(this DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        }

        // SQLite's default BEGIN IMMEDIATE would queue writers behind a reader; a deferred one holds a snapshot.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = sqlite.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return new SqliteSnapshot(db, transaction);
    }

    /// <summary>The context does not own a transaction it was handed: ending it, and the connection opened for it, is ours.</summary>
    private sealed class SqliteSnapshot(DbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
