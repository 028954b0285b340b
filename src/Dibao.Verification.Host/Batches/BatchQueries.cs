using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Batches;

public sealed class BatchQueries(HubDbContext db)
{
    public Task<BatchView?> GetAsync(Guid batchId, CancellationToken cancellationToken) =>
        db.ReadInSnapshotAsync(token => ReadAsync(batchId, token), cancellationToken);

    private async Task<BatchView?> ReadAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking()
            .Include(b => b.Households)
            .SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var memberCounts = await db.Members.AsNoTracking()
            .Join(db.Households.Where(h => h.BatchId == batchId), m => m.RoundId, h => h.CurrentRoundId, (m, h) => h.Id)
            .GroupBy(id => id)
            .Select(g => new { HouseholdId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.HouseholdId, c => c.Count, cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.BatchId == batchId)
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Include(c => c.History)
            .Where(c => c.BatchId == batchId)
            .ToDictionaryAsync(c => c.HouseholdId, cancellationToken);
        var households = batch.Households.OrderBy(h => h.Ordinal)
            .Select(h => ToView(h, memberCounts.GetValueOrDefault(h.Id), evaluations, cases.GetValueOrDefault(h.Id)))
            .ToList();
        var settled = batch.Households.Count(h => h.SettledAtUtc is not null);
        return new BatchView(
            batch.Id,
            settled == batch.Households.Count ? "completed" : "verifying",
            batch.Township,
            batch.Purpose,
            batch.AsOf,
            new DateTimeOffset(batch.SubmittedAtUtc, TimeSpan.Zero),
            new BatchProgress(batch.Households.Count, settled),
            households);
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

    private static HouseholdView ToView(Household household, int members, Dictionary<Guid, RoundEvaluation> evaluations, Case? @case)
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
            @case is null ? null : CaseNames.Of(@case.State),
            @case is null || signed is null ? null : CaseViews.Final(@case, VerificationViews.Reasons(signed)));
    }
}
