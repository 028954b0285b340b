using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Takes the next chunk of a running run: the roll households of one township after its cursor, whose questions go to
/// the agencies like any batch's (held, released as each agency has room, in bulk), with the moved cursor, in one
/// transaction; nothing is written per household. Finishes a run once everything taken has been compared
/// (<see cref="RecomparisonComparison"/>) and every change settled.
/// </summary>
public sealed partial class RecomparisonChunks(
    HubDbContext db,
    AgencyQueryPlanner planner,
    HubMessages messages,
    PolicyProvider policy,
    IOptions<RecomparisonOptions> options,
    IOptions<ConsentOptions> consent,
    TimeProvider clock,
    OfficeClock office,
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

        var uncompared = await db.RecomparisonChunks.CountAsync(c => c.RunId == runId && c.ComparedAtUtc == null, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (run.Exhausted)
        {
            // A changed household is settled by the evaluation worker after its chunk is compared; a parked one settles
            // as an error and is not waited for.
            var settling = await db.RecomparisonItems.AnyAsync(
                i => i.RunId == runId && i.Change == null && db.Households.Any(h => h.Id == i.HouseholdId && h.SettledAtUtc == null), cancellationToken);
            if (uncompared > 0 || settling || !run.Complete(now))
            {
                return (false, null);
            }

            await db.SaveChangesAsync(cancellationToken);
            return (false, run.Status);
        }

        if (uncompared >= options.Value.ChunksInFlight)
        {
            return (false, null);
        }

        var taken = await NextAsync(run, cancellationToken);
        if (taken.Count == 0)
        {
            run.RanOut();
            await db.SaveChangesAsync(cancellationToken);
            return (true, null);
        }

        var township = taken[0].Township;
        if (policy.Resolve(township) is not { } parameters)
        {
            run.Fail($"no policy for township {township}", now);
            await db.SaveChangesAsync(cancellationToken);
            return (false, run.Status);
        }

        var chunk = new RecomparisonChunk
        {
            Id = Guid.CreateVersion7(),
            RunId = run.Id,
            Township = township,
            AfterRef = run.CursorTownship == township ? run.CursorRef : null,
            LastRef = taken[^1].Ref,
            Households = taken.Count,
            TakenAtUtc = now,
            AskedOn = office.Today,
        };
        var ids = taken.Select(r => r.Id).ToList();
        var members = (await db.RollMembers.AsNoTracking().Where(m => ids.Contains(m.RollHouseholdId)).ToListAsync(cancellationToken)).ToLookup(m => m.RollHouseholdId);
        var persons = ChunkRoster.Of(taken, members, chunk.AskedOn, consent.Value)
            .Where(h => h.Asked)
            .SelectMany(h => h.Members.Select(m => new PersonToCheck(m.IdNumber, m.Name)))
            .ToList();
        db.RecomparisonChunks.Add(chunk);
        planner.PlanBulk(chunk.Id, run.AsOf, persons, parameters, new QueryCause(Cause, Purpose));
        run.Took(township, chunk.LastRef);
        await db.SaveChangesAsync(cancellationToken);
        LogTook(logger, run.Id, township, taken.Count, chunk.Id);
        return (true, null);
    }

    /// <summary>
    /// The next households after the cursor, of one township (whose policy applies to the chunk): the rest of the cursor's
    /// township, else the start of the next. Two seeks on the roll's (township, ref) index rather than one condition with
    /// an OR, which no database seeks on and which would read the roll from its start for every chunk.
    /// </summary>
    private async Task<List<Roll.RollHousehold>> NextAsync(RecomparisonRun run, CancellationToken cancellationToken)
    {
        var roll = db.RollHouseholds.AsNoTracking().Where(r => r.LeftAtUtc == null && r.Township.StartsWith(run.Jurisdiction));
        var size = options.Value.HouseholdsPerChunk;
        if (run.CursorTownship is { } township && run.CursorRef is { } reference)
        {
            var rest = await roll.Where(r => r.Township == township && string.Compare(r.Ref, reference) > 0)
                .OrderBy(r => r.Ref).Take(size).ToListAsync(cancellationToken);
            if (rest.Count > 0)
            {
                return rest;
            }

            roll = roll.Where(r => string.Compare(r.Township, township) > 0);
        }

        var next = await roll.OrderBy(r => r.Township).ThenBy(r => r.Ref).Take(size).ToListAsync(cancellationToken);
        return [.. next.TakeWhile(r => r.Township == next[0].Township)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} took {Households} households of {Township} as chunk {ChunkId}")]
    private static partial void LogTook(ILogger logger, Guid runId, string township, int households, Guid chunkId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-comparison {RunId} {Status}")]
    private static partial void LogFinished(ILogger logger, Guid runId, string status);
}
