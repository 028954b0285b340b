using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Batches;

public sealed class BatchQueries(HubDbContext db, OfficeClock office)
{
    /// <param name="page">Null for every household; a county's batch is better read a page at a time.</param>
    public Task<BatchView?> GetAsync(Guid batchId, HouseholdPage? page, CancellationToken cancellationToken) =>
        db.ReadInSnapshotAsync(token => ReadAsync(batchId, page, token), cancellationToken);

    private async Task<BatchView?> ReadAsync(Guid batchId, HouseholdPage? page, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var progress = await GetProgressAsync(batchId, cancellationToken) ?? new BatchProgress(0, 0);
        var shown = db.Households.AsNoTracking().Where(h => h.BatchId == batchId).OrderBy(h => h.Ordinal).AsQueryable();
        if (page is not null)
        {
            shown = shown.Skip((page.Number - 1) * page.Size).Take(page.Size);
        }

        var households = await shown.ToListAsync(cancellationToken);
        var first = households.Count == 0 ? 0 : households[0].Ordinal;
        var last = households.Count == 0 ? -1 : households[^1].Ordinal;
        var inPage = db.Households.Where(h => h.BatchId == batchId && h.Ordinal >= first && h.Ordinal <= last);
        var memberCounts = await db.Members.AsNoTracking()
            .Join(inPage, m => m.RoundId, h => h.CurrentRoundId, (m, h) => h.Id)
            .GroupBy(id => id)
            .Select(g => new { HouseholdId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.HouseholdId, c => c.Count, cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.BatchId == batchId && inPage.Any(h => h.Id == e.HouseholdId))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Include(c => c.History)
            .Where(c => c.BatchId == batchId && inPage.Any(h => h.Id == c.HouseholdId))
            .ToDictionaryAsync(c => c.HouseholdId, cancellationToken);
        return new BatchView(
            batch.Id,
            progress.Settled == progress.Households ? "completed" : "verifying",
            batch.Township,
            batch.Purpose,
            batch.AsOf,
            new DateTimeOffset(batch.SubmittedAtUtc, TimeSpan.Zero),
            progress,
            [.. households.Select(h => ToView(h, memberCounts.GetValueOrDefault(h.Id), evaluations, cases.GetValueOrDefault(h.Id), office.Today))],
            page?.Number,
            page?.Size);
    }

    /// <summary>Two counts, for callers that poll: the whole view of a large batch is far heavier to build.</summary>
    public async Task<BatchProgress?> GetProgressAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var counts = await db.Households.AsNoTracking()
            .Where(h => h.BatchId == batchId)
            .GroupBy(h => h.BatchId)
            .Select(g => new BatchProgress(g.Count(), g.Count(h => h.SettledAtUtc != null)))
            .SingleOrDefaultAsync(cancellationToken);
        return counts;
    }

    private static HouseholdView ToView(Household household, int members, Dictionary<Guid, RoundEvaluation> evaluations, Case? @case, DateOnly today)
    {
        var current = household.CurrentEvaluationId is { } id ? evaluations.GetValueOrDefault(id) : null;
        var signed = @case is null ? null : evaluations.GetValueOrDefault(@case.EvaluationId);
        return new HouseholdView(
            household.Ref,
            household.ConsentRef,
            members,
            VerificationViews.Of(household, current),
            @case?.Id,
            @case is null ? null : CaseNames.Of(@case.Tier),
            @case is null ? null : CaseNames.StateOf(@case, today),
            @case is null || signed is null ? null : CaseViews.Final(@case, VerificationViews.Reasons(signed)));
    }
}
