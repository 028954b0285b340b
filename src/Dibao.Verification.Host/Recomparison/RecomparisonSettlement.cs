using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// A roll household's round in a run settled, in the settlement's unit of work: compares it with the evidence the
/// household was last confirmed on and opens a <see cref="CaseKinds.Recomparison"/> case only for a change.
/// </summary>
public sealed class RecomparisonSettlement(HubDbContext db, CaseWorkflow cases, RecomparisonWake wake, IOptions<RecomparisonOptions> options, TimeProvider clock)
{
    public async Task SettledAsync(
        Batch batch, Household household, RoundEvaluation stored, HouseholdEvaluation evaluation, CaseEvaluation carried, IReadOnlyList<string> reasonCodes, CancellationToken cancellationToken)
    {
        var item = await db.RecomparisonItems.SingleOrDefaultAsync(i => i.HouseholdId == household.Id, cancellationToken);
        if (item is null || item.Change is not null)
        {
            return;
        }

        var confirmedOn = await db.RollHouseholds.AsNoTracking().Where(r => r.Id == item.RollHouseholdId).Select(r => r.EvaluationId).SingleAsync(cancellationToken);
        var confirmed = ConfirmedFindings.None;
        if (confirmedOn is { } evaluationId)
        {
            var before = await db.Evaluations.AsNoTracking().Where(e => e.Id == evaluationId)
                .Select(e => new { e.PerCapitaMonthlyIncome, e.ReasonsJson }).SingleAsync(cancellationToken);
            confirmed = new ConfirmedFindings(before.PerCapitaMonthlyIncome, JsonSerializer.Deserialize<List<Reason>>(before.ReasonsJson, HubJson.Options) ?? []);
        }

        var change = ChangeDetection.Detect(confirmed, evaluation, options.Value.IncomeChangeThreshold);
        item.Compared(change, confirmedOn, confirmed.PerCapitaMonthlyIncome, stored.PerCapitaMonthlyIncome, clock.GetUtcNow().UtcDateTime);
        if (ChangeNames.RaisesCase(change))
        {
            await cases.SettledAsync(batch, household, null, carried, reasonCodes, cancellationToken, CaseKinds.Recomparison);
        }

        wake.Notify();
    }
}
