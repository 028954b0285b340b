using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.WebConsole.Pages;

/// <summary>
/// The start page: the batches of the caller's jurisdiction for those who read batches (caseworkers, auditors); a reviewer
/// goes to the work queue; an admin, who sees no household's data, is told where their work is.
/// </summary>
public sealed class IndexModel(HubDbContext db, JurisdictionGuard guard) : ConsolePage
{
    private const int Shown = 30;

    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!May(AccessPolicies.ReadBatches))
        {
            return May(AccessPolicies.ReadCases) ? RedirectToPage("/Cases/Queue") : Page();
        }

        var scope = guard.Scope(Caller, null, "batch list")!;
        var batches = await db.Batches.AsNoTracking()
            .Where(b => b.Township.StartsWith(scope))
            .OrderByDescending(b => b.SubmittedAtUtc)
            .Take(Shown)
            .Select(b => new { b.Id, b.Township, b.Purpose, b.AsOf, b.SubmittedAtUtc })
            .ToListAsync(cancellationToken);
        var ids = batches.Select(b => b.Id).ToList();
        var counts = await db.Households.AsNoTracking()
            .Where(h => ids.Contains(h.BatchId))
            .GroupBy(h => h.BatchId)
            .Select(g => new { BatchId = g.Key, Households = g.Count(), Settled = g.Count(h => h.SettledAtUtc != null) })
            .ToDictionaryAsync(c => c.BatchId, cancellationToken);
        Batches = [.. batches.Select(b => new BatchRow(
            b.Id, b.Township, b.Purpose, b.AsOf, new DateTimeOffset(b.SubmittedAtUtc, TimeSpan.Zero),
            counts.GetValueOrDefault(b.Id)?.Households ?? 0, counts.GetValueOrDefault(b.Id)?.Settled ?? 0))];
        return Page();
    }
}
