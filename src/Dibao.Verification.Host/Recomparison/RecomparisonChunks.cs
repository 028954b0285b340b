using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Takes the next chunk of a running run: the roll households after its cursor, as one batch of its township whose
/// questions go to the agencies like any batch's (held, released as each agency has room, in bulk), with the items and
/// the moved cursor, in one transaction. Finishes a run once everything taken has been compared.
/// </summary>
public sealed partial class RecomparisonChunks(
    HubDbContext db,
    AgencyQueryPlanner planner,
    HubMessages messages,
    PolicyProvider policy,
    IOptions<RecomparisonOptions> options,
    TimeProvider clock,
    ILogger<RecomparisonChunks> logger)
{
    public const string Purpose = "recomparison";

    /// <summary>Who the agencies' queries are recorded as caused by, whatever started the run.</summary>
    private const string Cause = "recomparison";

    /// <returns>Whether a chunk was taken or the run finished: there may be more to do at once.</returns>
    public async Task<bool> AdvanceAsync(Guid runId, CancellationToken cancellationToken)
    {
        var (took, finished) = await db.InTransactionAsync(async token => await AdvanceOnceAsync(runId, token), cancellationToken);
        messages.Flush();
        if (finished is { } status)
        {
            LogFinished(logger, runId, status);
        }

        return took || finished is not null;
    }

    private async Task<(bool Took, string? Finished)> AdvanceOnceAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.RecomparisonRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status != RecomparisonStatus.Running)
        {
            return (false, null);
        }

        // Items whose household has not settled are out with the agencies; a parked household settles as an error and
        // is not waited for.
        var pending = await db.RecomparisonItems.CountAsync(
            i => i.RunId == runId && i.Change == null && db.Households.Any(h => h.Id == i.HouseholdId && h.SettledAtUtc == null), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (run.Exhausted)
        {
            if (pending > 0 || !run.Complete(now))
            {
                return (false, null);
            }

            await db.SaveChangesAsync(cancellationToken);
            return (false, run.Status);
        }

        var chunkSize = options.Value.HouseholdsPerChunk;
        if (pending >= chunkSize * options.Value.ChunksInFlight)
        {
            return (false, null);
        }

        var next = await After(run).OrderBy(r => r.Township).ThenBy(r => r.Ref).Take(chunkSize).ToListAsync(cancellationToken);
        if (next.Count == 0)
        {
            run.RanOut();
            await db.SaveChangesAsync(cancellationToken);
            return (true, null);
        }

        // A batch belongs to one township, whose policy applies to it.
        var township = next[0].Township;
        var taken = next.TakeWhile(r => r.Township == township).ToList();
        if (policy.Resolve(township) is not { } parameters)
        {
            run.Fail($"no policy for township {township}", now);
            await db.SaveChangesAsync(cancellationToken);
            return (false, run.Status);
        }

        var ids = taken.Select(r => r.Id).ToList();
        var rollMembers = (await db.RollMembers.AsNoTracking().Where(m => ids.Contains(m.RollHouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.RollHouseholdId);
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = township, Purpose = Purpose, AsOf = run.AsOf, SubmittedAtUtc = now, PolicyName = policy.Document.Name };
        db.Batches.Add(batch);
        var households = new List<Household>(taken.Count);
        var rounds = new List<VerificationRound>(taken.Count);
        var members = new List<Member>();
        var items = new List<RecomparisonItem>(taken.Count);
        foreach (var (roll, ordinal) in taken.Select((r, i) => (r, i)))
        {
            var household = new Household { Id = Guid.CreateVersion7(), BatchId = batch.Id, Ordinal = ordinal, Ref = roll.Ref };
            household.Consented(roll.ConsentRef, roll.ConsentSignedOn);
            var round = new VerificationRound
            {
                Id = Guid.CreateVersion7(), HouseholdId = household.Id, BatchId = batch.Id, Number = 1, Cause = RoundCauses.Submission, StartedAtUtc = now,
            };
            household.StartRound(round.Id, round.Number);
            households.Add(household);
            rounds.Add(round);
            members.AddRange(rollMembers[roll.Id].OrderBy(m => m.Ordinal).Select(m => new Member
            {
                Id = Guid.CreateVersion7(), HouseholdId = household.Id, RoundId = round.Id, Ordinal = m.Ordinal, IdNumber = m.IdNumber, IdHash = m.IdHash, Name = m.Name, Relation = m.Relation,
            }));
            items.Add(new RecomparisonItem { Id = Guid.CreateVersion7(), RunId = run.Id, RollHouseholdId = roll.Id, Township = roll.Township, Ref = roll.Ref, HouseholdId = household.Id });
        }

        var awaited = planner.Plan(batch, members, parameters, new QueryCause(Cause, Purpose));
        run.Took(township, taken[^1].Ref);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await db.InsertAsync(households, cancellationToken);
        await db.InsertAsync(rounds, cancellationToken);
        await db.InsertAsync(members, cancellationToken);
        await db.InsertAsync(awaited, cancellationToken);
        await db.InsertAsync(items, cancellationToken);
        LogTook(logger, run.Id, township, taken.Count, batch.Id);
        return (true, null);
    }

    private IQueryable<Roll.RollHousehold> After(RecomparisonRun run)
    {
        var roll = db.RollHouseholds.AsNoTracking().Where(r => r.LeftAtUtc == null && r.Township.StartsWith(run.Jurisdiction));
        if (run.CursorTownship is not { } township || run.CursorRef is not { } reference)
        {
            return roll;
        }

        return roll.Where(r => string.Compare(r.Township, township) > 0 || (r.Township == township && string.Compare(r.Ref, reference) > 0));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} took {Households} households of {Township} as batch {BatchId}")]
    private static partial void LogTook(ILogger logger, Guid runId, string township, int households, Guid batchId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} {Status}")]
    private static partial void LogFinished(ILogger logger, Guid runId, string status);
}
