using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Roll;

public sealed class RollQueries(HubDbContext db)
{
    public const int MaxPageSize = 1000;

    /// <summary>The households on the roll today within <paramref name="scope"/> (a city, county or township code).</summary>
    public async Task<RollPage> ListAsync(string scope, int page, int pageSize, CancellationToken cancellationToken)
    {
        var found = await db.RollHouseholds.AsNoTracking()
            .Where(r => r.LeftAtUtc == null && r.Township.StartsWith(scope))
            .OrderBy(r => r.Township).ThenBy(r => r.Ref)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var shown = found.Take(pageSize).ToList();
        var ids = shown.Select(r => r.Id).ToList();
        var members = (await db.RollMembers.AsNoTracking().Where(m => ids.Contains(m.RollHouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.RollHouseholdId);
        return new RollPage(page, pageSize, found.Count > pageSize, [.. shown.Select(r => new RollHouseholdView(
            r.Id, r.Township, r.Ref, r.Since, r.Source, r.CaseId, r.JoinedAtUtc,
            [.. members[r.Id].OrderBy(m => m.Ordinal).Select(m => new RollMemberView(IdentityNumber.Mask(m.IdNumber), m.Name, m.Relation))]))]);
    }
}
