using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Asks the agencies again about part of a household, never all of it: the answers that were missing, or the members
/// a correction changed. The household's result is recomputed in the same transaction; the case waits in
/// <see cref="CaseState.Verifying"/> until the new answers settle it.
/// </summary>
public sealed class CaseReverification(HubDbContext db, AgencyQueryPlanner planner, HouseholdReevaluator reevaluator, PolicyProvider policy)
{
    /// <summary>Asks again every agency that did not answer by its deadline, about the members it did not answer for.</summary>
    public async Task MissingAnswersAsync(Household household, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.SingleAsync(b => b.Id == household.BatchId, cancellationToken);
        var members = await db.Members.Where(m => m.HouseholdId == household.Id).ToDictionaryAsync(m => m.Id, cancellationToken);
        var missing = await db.AgencyAnswers
            .Where(a => a.HouseholdId == household.Id && a.State == AnswerState.Unavailable)
            .ToListAsync(cancellationToken);

        db.AgencyAnswers.RemoveRange(missing);
        foreach (var agency in missing.GroupBy(a => a.Source))
        {
            planner.Plan(batch, [.. agency.Select(a => (household, members[a.MemberId]))], Parameters(batch), [agency.Key]);
        }

        await RestartAsync(household, cancellationToken);
    }

    /// <summary>
    /// Replaces the household's members by the corrected list. A member whose identity number, name and relation
    /// are unchanged keeps the agencies' answers; every other one is asked about afresh, and members no longer
    /// listed are removed with their answers.
    /// </summary>
    public async Task CorrectedAsync(Household household, IReadOnlyList<MemberRequest> corrected, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.SingleAsync(b => b.Id == household.BatchId, cancellationToken);
        var current = await db.Members.Where(m => m.HouseholdId == household.Id).ToListAsync(cancellationToken);
        var kept = new HashSet<Guid>();
        var added = new List<(Household, Member)>();
        foreach (var (request, ordinal) in corrected.Select((m, i) => (m, i)))
        {
            var same = current.FirstOrDefault(m => !kept.Contains(m.Id) && Same(m, request));
            if (same is not null)
            {
                kept.Add(same.Id);
                continue;
            }

            var member = Member.From(request, household.Id, ordinal);
            db.Members.Add(member);
            added.Add((household, member));
        }

        var removed = current.Where(m => !kept.Contains(m.Id)).Select(m => m.Id).ToList();
        db.AgencyAnswers.RemoveRange(await db.AgencyAnswers.Where(a => removed.Contains(a.MemberId)).ToListAsync(cancellationToken));
        db.Members.RemoveRange(current.Where(m => removed.Contains(m.Id)));
        planner.Plan(batch, added, Parameters(batch));
        await RestartAsync(household, cancellationToken);
    }

    /// <summary>Whether the corrected list differs from the household's members at all.</summary>
    public async Task<bool> ChangesAnythingAsync(Guid householdId, IReadOnlyList<MemberRequest> corrected, CancellationToken cancellationToken)
    {
        var current = await db.Members.AsNoTracking().Where(m => m.HouseholdId == householdId).OrderBy(m => m.Ordinal).ToListAsync(cancellationToken);
        return current.Count != corrected.Count || current.Zip(corrected).Any(p => !Same(p.First, p.Second));
    }

    private static bool Same(Member member, MemberRequest request) =>
        member.IdNumber == request.IdNumber && member.Name == request.Name && member.Relation == request.Relation;

    private PolicyParameters Parameters(Batch batch) =>
        policy.Resolve(batch.Township)
        ?? throw new InvalidOperationException($"The policy no longer sets a monthly standard for township {batch.Township}.");

    /// <summary>
    /// The household is no longer settled. It is saved before it is re-evaluated because the evaluation reads the
    /// answers from the database; one transaction keeps the two steps a single change.
    /// </summary>
    private async Task RestartAsync(Household household, CancellationToken cancellationToken)
    {
        household.SettledAtUtc = null;
        household.Version++;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await reevaluator.ReevaluateAsync([household.Id], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
