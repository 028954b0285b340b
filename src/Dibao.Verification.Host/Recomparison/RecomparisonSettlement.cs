using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// A roll household's round in a run settled, in the settlement's unit of work: compares it with the evidence the
/// household was last confirmed on and opens a <see cref="CaseKinds.Recomparison"/> case only for a change. What the
/// comparison needs is read once for all the households of a pass (<see cref="PrepareAsync"/>): a night's changes
/// settle by the thousands. A household whose case from an earlier run is still before the tiers gets no second one:
/// the change is counted in the run, and the open case is where it is decided; the night after the city confirms, the
/// run compares with what was confirmed.
/// </summary>
public sealed class RecomparisonSettlement(HubDbContext db, CaseWorkflow cases, RecomparisonWake wake, IOptions<RecomparisonOptions> options, TimeProvider clock)
{
    private Dictionary<Guid, (RecomparisonItem Item, Guid? ConfirmedOn, ConfirmedFindings Confirmed, bool CaseOpen)> _prepared = [];

    /// <summary>Reads the run's items of these households, and the evidence each was last confirmed on (or its baseline).</summary>
    public async Task PrepareAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        if (householdIds.Count == 0)
        {
            _prepared = [];
            return;
        }

        var items = await db.RecomparisonItems.Where(i => householdIds.Contains(i.HouseholdId) && i.Change == null).ToListAsync(cancellationToken);
        var rollIds = items.Select(i => i.RollHouseholdId).ToList();
        var entries = await db.RollHouseholds.AsNoTracking().Where(r => rollIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var confirmed = await ConfirmedFindings.ReadAsync(db, [.. entries.Values.Select(r => r.EvaluationId).OfType<Guid>()], cancellationToken);

        // By township and ref: the case may have been raised on an entry since superseded (a renewed authorization).
        var townships = items.Select(i => i.Township).Distinct().ToList();
        var refs = items.Select(i => i.Ref).Distinct().ToList();
        var open = (await db.RecomparisonItems.AsNoTracking()
            .Where(i => townships.Contains(i.Township) && refs.Contains(i.Ref))
            .Join(db.Cases.Where(c => c.Kind == CaseKinds.Recomparison && c.ConfirmedAtUtc == null), i => i.HouseholdId, c => c.HouseholdId, (i, _) => new { i.Township, i.Ref })
            .Distinct()
            .ToListAsync(cancellationToken)).Select(h => (h.Township, h.Ref)).ToHashSet();
        _prepared = items.ToDictionary(i => i.HouseholdId, i =>
        {
            var entry = entries[i.RollHouseholdId];
            return (i, entry.EvaluationId, ConfirmedFindings.Of(entry, confirmed), open.Contains((i.Township, i.Ref)));
        });
    }

    public async Task SettledAsync(
        Batch batch, Household household, RoundEvaluation stored, HouseholdEvaluation evaluation, CaseEvaluation carried, IReadOnlyList<string> reasonCodes, CancellationToken cancellationToken)
    {
        if (!_prepared.Remove(household.Id, out var prepared))
        {
            return;
        }

        var (item, confirmedOn, confirmed, caseOpen) = prepared;
        var change = ChangeDetection.Detect(confirmed, evaluation, options.Value.IncomeChangeThreshold);
        item.Compared(change, confirmedOn, confirmed, stored.PerCapitaMonthlyIncome, clock.GetUtcNow().UtcDateTime);
        if (ChangeNames.RaisesCase(change) && !caseOpen)
        {
            await cases.SettledAsync(batch, household, null, carried, reasonCodes, cancellationToken, CaseKinds.Recomparison);
        }

        wake.Notify();
    }
}
