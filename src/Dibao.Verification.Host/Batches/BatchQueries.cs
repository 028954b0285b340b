using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Batches;

public sealed class BatchQueries(HubDbContext db)
{
    public async Task<BatchView?> GetAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking()
            .Include(b => b.Households).ThenInclude(h => h.Members)
            .AsSplitQuery()
            .SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var cases = await db.Cases.AsNoTracking().Include(c => c.History)
            .Where(c => c.BatchId == batchId)
            .ToDictionaryAsync(c => c.HouseholdId, cancellationToken);
        var households = batch.Households.OrderBy(h => h.Ordinal).Select(h => ToView(h, cases.GetValueOrDefault(h.Id))).ToList();
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

    private static HouseholdView ToView(Household household, Case? @case)
    {
        var verification = VerificationOf(household);
        return new HouseholdView(
            household.Ref,
            household.ConsentRef,
            household.Members.Count,
            verification,
            @case?.Id,
            @case is null ? null : CaseNames.Of(@case.Tier),
            @case is null ? null : CaseNames.Of(@case.State),
            @case is null ? null : CaseViews.Final(@case, verification.Reasons));
    }

    /// <summary>The automated result of a household, as the batch and case views show it.</summary>
    internal static VerificationView VerificationOf(Household household)
    {
        var reasons = JsonSerializer.Deserialize<List<Reason>>(household.ReasonsJson, HubJson.Options) ?? [];
        return new VerificationView(
            OutcomeNames.Of(household.Outcome),
            household.PerCapitaMonthlyIncome,
            household.PerCapitaFinancialAssets,
            [.. reasons.Select(r => new ReasonView(r.Code, OutcomeNames.Of(r.Severity), r.IdNumber, r.Agency, r.Evidence, r.Message, r.Actual, r.Limit))],
            household.EvaluatedAtUtc is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
    }
}
