using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// Takes due outbox messages for one dispatcher, so that with several hub instances on one database each message is
/// sent by one of them. A claim is a lease: <see cref="OutboxMessage.ClaimedBy"/> and <see cref="OutboxMessage.ClaimedUntilUtc"/>
/// are set in one statement, and other dispatchers pass over the message until the lease runs out, which it only does
/// when its dispatcher died or stalled before sending. Two dispatchers claiming at the same moment never take the same
/// row: PostgreSQL locks the rows it picks with <c>FOR UPDATE SKIP LOCKED</c> and SQL Server with
/// <c>WITH (UPDLOCK, READPAST, ROWLOCK)</c>, each skipping the rows another claimer holds rather than waiting for them;
/// SQLite has one writer at a time, so its <c>UPDATE … RETURNING</c> claims atomically.
/// </summary>
public static class OutboxClaims
{
    private const string Due =
        "{SentAtUtc} IS NULL AND {Held} = @held AND {ParkedAtUtc} IS NULL AND ({NextAttemptAtUtc} IS NULL OR {NextAttemptAtUtc} <= @now) " +
        "AND ({ClaimedUntilUtc} IS NULL OR {ClaimedUntilUtc} <= @now)";

    private const string Postgres =
        "UPDATE {Table} SET {ClaimedBy} = @claimant, {ClaimedUntilUtc} = @until WHERE {Id} IN (" +
        "SELECT {Id} FROM {Table} WHERE " + Due + " ORDER BY {CreatedAtUtc}, {Id} LIMIT @count FOR UPDATE SKIP LOCKED) RETURNING *";

    private const string SqlServer =
        "WITH claimable AS (SELECT TOP (@count) * FROM {Table} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE " + Due +
        " ORDER BY {CreatedAtUtc}, {Id}) UPDATE claimable SET {ClaimedBy} = @claimant, {ClaimedUntilUtc} = @until OUTPUT inserted.*";

    private const string Sqlite =
        "UPDATE {Table} SET {ClaimedBy} = @claimant, {ClaimedUntilUtc} = @until WHERE {Id} IN (" +
        "SELECT {Id} FROM {Table} WHERE " + Due + " ORDER BY {CreatedAtUtc}, {Id} LIMIT @count) RETURNING *";

    /// <returns>Up to <paramref name="count"/> due messages, oldest first, now claimed by <paramref name="claimant"/>.</returns>
    public static async Task<List<OutboxMessage>> ClaimAsync(
        HubDbContext db, string claimant, DateTime now, TimeSpan lease, int count, CancellationToken cancellationToken)
    {
        var sql = db switch
        {
            PostgresHubDbContext => Postgres,
            SqlServerHubDbContext => SqlServer,
            _ => Sqlite,
        };
        var type = typeof(OutboxMessage);
        object[] parameters =
        [
            PreparedStatement.Parameter(db, type, "now", nameof(OutboxMessage.ClaimedUntilUtc), now),
            PreparedStatement.Parameter(db, type, "until", nameof(OutboxMessage.ClaimedUntilUtc), now + lease),
            PreparedStatement.Parameter(db, type, "claimant", nameof(OutboxMessage.ClaimedBy), claimant),
            PreparedStatement.Parameter(db, type, "count", nameof(OutboxMessage.Attempts), count),
            PreparedStatement.Parameter(db, type, "held", nameof(OutboxMessage.Held), false),
        ];

        // The statement writes, so it is sent as written: nothing may be composed around it.
        var claimed = await db.Outbox.FromSqlRaw(PreparedStatement.Render(db, type, sql), parameters)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id)];
    }

    /// <summary>Gives back what <paramref name="claimant"/> holds and has not sent, for another dispatcher to take at once.</summary>
    public static Task<int> ReleaseAsync(HubDbContext db, string claimant, CancellationToken cancellationToken) =>
        db.Outbox.Where(m => m.ClaimedBy == claimant && m.SentAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
}
