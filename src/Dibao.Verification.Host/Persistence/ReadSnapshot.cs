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
    /// <summary>
    /// Runs <paramref name="read"/>'s queries against one committed state, taking no write lock, through the provider's
    /// execution strategy (which refuses a transaction begun outside it).
    /// </summary>
    public static Task<T> ReadInSnapshotAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        db.RunAsync(
            async token =>
            {
                await using var snapshot = await BeginAsync(db, token);
                return await read(token);
            },
            cancellationToken);

    private static async Task<IAsyncDisposable> BeginAsync(DbContext db, CancellationToken cancellationToken)
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
