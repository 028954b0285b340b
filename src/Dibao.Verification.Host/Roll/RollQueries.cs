using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Roll;

public sealed class RollQueries(HubDbContext db, IOptions<ConsentOptions> consent)
{
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The households on the roll today within <paramref name="scope"/> (a city, county or township code); with
    /// <paramref name="consentExpiresBefore"/>, only those whose authorization is no longer valid on that day.
    /// </summary>
    public async Task<RollPage> ListAsync(string scope, int page, int pageSize, DateOnly? consentExpiresBefore, CancellationToken cancellationToken)
    {
        var onRoll = db.RollHouseholds.AsNoTracking().Where(r => r.LeftAtUtc == null && r.Township.StartsWith(scope));
        if (consentExpiresBefore is { } day)
        {
            var latest = consent.Value.LatestSignedOnExpiredBy(day);
            onRoll = onRoll.Where(r => r.ConsentSignedOn <= latest);
        }

        var found = await onRoll
            .OrderBy(r => r.Township).ThenBy(r => r.Ref)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var shown = found.Take(pageSize).ToList();
        var ids = shown.Select(r => r.Id).ToList();
        var members = (await db.RollMembers.AsNoTracking().Where(m => ids.Contains(m.RollHouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.RollHouseholdId);
        return new RollPage(page, pageSize, found.Count > pageSize, [.. shown.Select(r => View(r, members[r.Id]))]);
    }

    /// <summary>One household on the roll, as the list shows it; null when there is no such entry or it has left the roll.</summary>
    public async Task<RollHouseholdView?> FindAsync(Guid rollId, CancellationToken cancellationToken)
    {
        var entry = await db.RollHouseholds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rollId && r.LeftAtUtc == null, cancellationToken);
        return entry is null ? null : View(entry, await db.RollMembers.AsNoTracking().Where(m => m.RollHouseholdId == rollId).ToListAsync(cancellationToken));
    }

    private RollHouseholdView View(RollHousehold entry, IEnumerable<RollMember> members) => new(
        entry.Id, entry.Township, entry.Ref, entry.Since, entry.Source, entry.CaseId, entry.JoinedAtUtc,
        entry.ConsentRef, entry.ConsentSignedOn, consent.Value.ValidUntil(entry.ConsentSignedOn),
        [.. members.OrderBy(m => m.Ordinal).Select(m => new RollMemberView(IdentityNumber.Mask(m.IdNumber), m.Name, m.Relation))],
        RollBaselineView.Of(entry));
}
