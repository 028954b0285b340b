using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Runs a unit of work of several steps through the provider's execution strategy. On PostgreSQL and SQL Server a
/// transient failure (a dropped connection, a failover, a deadlock victim) runs the whole unit again, so the unit must
/// read and compute everything it writes inside <c>work</c>: the change tracker is cleared before each try, which drops
/// whatever a failed try had added, its outbox messages included. On SQLite the strategy runs it once.
/// </summary>
public static class UnitOfWork
{
    public static Task<T> RunAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            async token =>
            {
                db.ChangeTracker.Clear();
                return await work(token);
            },
            cancellationToken);

    /// <summary><see cref="RunAsync{T}"/> inside one transaction, committed when <paramref name="work"/> returns.</summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.RunAsync(
            async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var result = await work(token);
                await transaction.CommitAsync(token);
                return result;
            },
            cancellationToken);
}
