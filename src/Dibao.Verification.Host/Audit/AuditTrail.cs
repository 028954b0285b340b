using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// Appends entries to the audit trail. The chain head's row is locked first, so appenders in every hub instance sharing
/// the database take turns, and each entry gets the next number and the previous entry's hash; the sequence's primary
/// key refuses a second entry of one number should anything get past the lock. Entries are written in bulk, as the
/// answers they record are.
/// </summary>
public sealed class AuditTrail(HubDbContext db)
{
    /// <summary>
    /// Appends inside the caller's transaction, committed or rolled back with what it records. Call it last in the
    /// transaction: the head stays locked until the commit, and every other appender waits for it.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside the transaction of what they record.");
        }

        // An update that changes nothing, for its lock: portable to every provider, where a locking read is not.
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.TheOne)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.Sequence, h => h.Sequence), cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.TheOne, cancellationToken);
        var sequence = head.Sequence;
        var hash = head.Hash;
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = hash;
            entry.Hash = hash = AuditChain.Hash(hash, entry);
        }

        await db.InsertAsync(entries, cancellationToken);
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.TheOne)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash), cancellationToken);
    }

    /// <summary>Appends in a transaction of its own: for what is recorded apart from any change, a read or a refusal.</summary>
    public Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        entries.Count == 0
            ? Task.CompletedTask
            : db.InTransactionAsync(
                async token =>
                {
                    await AppendAsync(entries, token);
                    return entries.Count;
                },
                cancellationToken);
}
