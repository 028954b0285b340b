using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>Starts, cancels and reports runs; the work itself is taken by every instance's <see cref="RecomparisonWorker"/>.</summary>
public sealed partial class RecomparisonRuns(HubDbContext db, RecomparisonWake wake, TimeProvider clock, OfficeClock office, ILogger<RecomparisonRuns> logger)
{
    public const int MaxPageSize = 1000;

    private const int MaxCancelAttempts = 5;

    public async Task<RecomparisonRun> StartAsync(string jurisdiction, DateOnly? asOf, string requestedBy, CancellationToken cancellationToken)
    {
        var run = new RecomparisonRun
        {
            Id = Guid.CreateVersion7(),
            Jurisdiction = jurisdiction,
            AsOf = asOf ?? office.Today,
            RequestedBy = requestedBy,
            StartedAtUtc = clock.GetUtcNow().UtcDateTime,
            Households = await db.RollHouseholds.CountAsync(r => r.LeftAtUtc == null && r.Township.StartsWith(jurisdiction), cancellationToken),
        };
        db.RecomparisonRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        LogStarted(logger, run.Id, jurisdiction, run.Households, requestedBy);
        wake.Notify();
        return run;
    }

    /// <returns>Whether the run was running and is now cancelled; households already asked about are still compared.</returns>
    public async Task<bool> CancelAsync(Guid runId, string by, CancellationToken cancellationToken)
    {
        // A worker taking the run's next chunk meanwhile changes its version: read the run again and cancel that.
        for (var attempt = 1; ; attempt++)
        {
            var run = await db.RecomparisonRuns.SingleAsync(r => r.Id == runId, cancellationToken);
            if (!run.Cancel(clock.GetUtcNow().UtcDateTime))
            {
                return false;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogCancelled(logger, runId, by);
                return true;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxCancelAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Cheap enough to poll: the run's status, its households and how many have been compared.</summary>
    public async Task<(string Status, int Households, int Compared)> ProgressAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.RecomparisonRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Status, r.Households }).SingleAsync(cancellationToken);
        var compared = await db.RecomparisonChunks.Where(c => c.RunId == runId).SumAsync(c => c.Unchanged + c.Unavailable, cancellationToken)
            + await db.RecomparisonItems.CountAsync(i => i.RunId == runId && i.Change != null, cancellationToken);
        return (run.Status, run.Households, compared);
    }

    public async Task<string?> JurisdictionOfAsync(Guid runId, CancellationToken cancellationToken) =>
        await db.RecomparisonRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Jurisdiction).SingleOrDefaultAsync(cancellationToken);

    public async Task<RecomparisonRunView?> ViewAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.RecomparisonRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var changes = await db.RecomparisonItems.AsNoTracking()
            .Where(i => i.RunId == runId && i.Change != null)
            .GroupBy(i => i.Change)
            .Select(g => new { Change = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(g => g.Change, g => g.Count, cancellationToken);
        int Count(ChangeKind kind) => changes.GetValueOrDefault(ChangeNames.Of(kind));

        // Unchanged and unavailable households are counts of their chunks; changed ones have items.
        var chunks = await db.RecomparisonChunks.AsNoTracking().Where(c => c.RunId == runId)
            .GroupBy(c => c.RunId).Select(g => new { Unchanged = g.Sum(c => c.Unchanged), Unavailable = g.Sum(c => c.Unavailable) })
            .SingleOrDefaultAsync(cancellationToken);
        var tallies = await db.RecomparisonTallies.AsNoTracking()
            .Where(t => t.RunId == runId)
            .GroupBy(t => t.Source)
            .Select(g => new { Source = g.Key, Asked = g.Sum(t => t.Asked), Refused = g.Sum(t => t.Refused), Unavailable = g.Sum(t => t.Unavailable) })
            .ToListAsync(cancellationToken);
        var agencies = tallies.OrderBy(t => t.Source, StringComparer.Ordinal)
            .ToDictionary(t => t.Source, t => new AgencyCountsView(t.Asked, t.Refused, t.Unavailable), StringComparer.Ordinal);

        var byKind = new ChangesByKindView(Count(ChangeKind.Exit), Count(ChangeKind.Reduce), Count(ChangeKind.Increase), Count(ChangeKind.Review));
        return new RecomparisonRunView(
            run.Id,
            run.Status,
            run.Households,
            changes.Values.Sum() + (chunks?.Unchanged ?? 0) + (chunks?.Unavailable ?? 0),
            Count(ChangeKind.Unchanged) + (chunks?.Unchanged ?? 0),
            byKind.Exit + byKind.Reduce + byKind.Increase + byKind.Review,
            byKind,
            agencies,
            run.StartedAtUtc,
            run.FinishedAtUtc);
    }

    /// <summary>The households whose findings raised a case, by township and ref, within <paramref name="scope"/>.</summary>
    public async Task<RecomparisonChangePage> ChangesAsync(Guid runId, string scope, int page, int pageSize, CancellationToken cancellationToken)
    {
        var proposals = ChangeNames.Proposals;
        var found = await db.RecomparisonItems.AsNoTracking()
            .Where(i => i.RunId == runId && i.Change != null && proposals.Contains(i.Change) && i.Township.StartsWith(scope))
            .OrderBy(i => i.Township).ThenBy(i => i.Ref)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Select(i => new RecomparisonChangeView(
                i.Township, i.Ref, i.Change!, i.ConfirmedIncome, i.NewIncome,
                db.Cases.Where(c => c.HouseholdId == i.HouseholdId && c.Kind == CaseKinds.Recomparison).Select(c => (Guid?)c.Id).FirstOrDefault(),
                i.ComparedAtUtc!.Value))
            .ToListAsync(cancellationToken);
        return new RecomparisonChangePage(page, pageSize, found.Count > pageSize, [.. found.Take(pageSize)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} of {Jurisdiction} started by {By}: {Households} households on the roll")]
    private static partial void LogStarted(ILogger logger, Guid runId, string jurisdiction, int households, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} cancelled by {By}")]
    private static partial void LogCancelled(ILogger logger, Guid runId, string by);
}
