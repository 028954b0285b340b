using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// Checks the whole audit trail, a chunk of entries at a time so a trail of any length fits in memory: each entry must
/// follow the previous one's number, name its hash and hash to its own, and the last must be the chain head. An entry
/// edited fails its hash, a deleted one leaves a gap (or, the last, a head pointing past the end), an inserted one
/// fails its neighbours' numbers or hashes, or lies beyond the head.
/// </summary>
public sealed class AuditVerifier(HubDbContext db)
{
    private const int ChunkSize = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        long last = 0;
        var hash = AuditChain.Genesis;
        while (true)
        {
            var broken = await FollowAsync(last, hash, cancellationToken);
            if (broken.Break is not null)
            {
                return new AuditVerification(false, broken.Last, broken.Break, broken.Hash);
            }

            (last, hash) = (broken.Last, broken.Hash);

            // Read after the entries: the head and the entries it names are committed together, so a head beyond the
            // last entry read is either appended since (read on) or a deleted end.
            var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.TheOne, cancellationToken);
            if (head.Sequence < last)
            {
                return new AuditVerification(false, last, new AuditBreak(head.Sequence + 1, "entry beyond the chain head: inserted"), hash);
            }

            if (head.Sequence == last)
            {
                return head.Hash == hash
                    ? new AuditVerification(true, last, null, hash)
                    : new AuditVerification(false, last, new AuditBreak(last, "the chain head names another hash: the entry was replaced"), hash);
            }

            if (!await db.AuditEntries.AnyAsync(e => e.Sequence > last, cancellationToken))
            {
                return new AuditVerification(false, last, new AuditBreak(last + 1, $"missing: the chain head is entry {head.Sequence}"), hash);
            }
        }
    }

    private async Task<(long Last, string Hash, AuditBreak? Break)> FollowAsync(long last, string hash, CancellationToken cancellationToken)
    {
        while (true)
        {
            var after = last;
            var chunk = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(ChunkSize)
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                return (last, hash, null);
            }

            foreach (var entry in chunk)
            {
                if (entry.Sequence != last + 1)
                {
                    return (last, hash, new AuditBreak(last + 1, $"missing: the next entry is {entry.Sequence}"));
                }

                string? problem = null;
                if (entry.PreviousHash != hash)
                {
                    problem = "does not follow the previous entry's hash";
                }
                else if (AuditChain.Hash(hash, entry) != entry.Hash)
                {
                    problem = "its content does not match its hash: changed";
                }

                if (problem is not null)
                {
                    return (last, hash, new AuditBreak(entry.Sequence, problem));
                }

                last = entry.Sequence;
                hash = entry.Hash;
            }
        }
    }
}
