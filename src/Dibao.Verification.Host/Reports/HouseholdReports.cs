using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Reports;

/// <summary>Gathers a household's 核对报告 from the case and round views, so it shows exactly what they show the reader.</summary>
public sealed class HouseholdReports(
    CaseQueries queries, HubDbContext db, PolicyProvider policy, IOptions<ConfirmationOptions> confirmation, TimeProvider clock)
{
    public async Task<HouseholdReport?> GetAsync(Caller caller, Guid caseId, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(caseId, cancellationToken) is not { } view
            || await queries.GetRoundAsync(caseId, view.Round, cancellationToken) is not { } round
            || !CaseNames.TryParseTier(view.Tier, out var tier))
        {
            return null;
        }

        var batch = await db.Batches.AsNoTracking().Where(b => b.Id == view.BatchId).Select(b => new { b.AsOf, b.Purpose }).SingleAsync(cancellationToken);
        var parameters = view.Verification.PolicyHash == policy.Hash ? policy.Resolve(view.Township) : null;
        return new HouseholdReport(
            CaseViewMasking.For(caller, view),
            CaseViewMasking.For(caller, tier, round),
            batch.AsOf,
            batch.Purpose,
            parameters,
            Signatures(view.History),
            caller.User,
            clock.GetUtcNow(),
            confirmation.Value.OfficeUtcOffset);
    }

    /// <summary>
    /// At each tier, the signature that still stands: the last confirm or amend since the result was last verified (a
    /// re-verification starts the signing over), unless the case was sent back below that tier since. A return sends it
    /// to the tier below the one returning, an objection during the public notice to the county; that tier and those above
    /// it sign again.
    /// </summary>
    internal static TierSignaturesView Signatures(IReadOnlyList<CaseStepView> history)
    {
        var signed = new Dictionary<Tier, CaseStepView>();
        foreach (var step in history)
        {
            if (step.Action == CaseActions.Verified)
            {
                signed.Clear();
                continue;
            }

            if (!CaseNames.TryParseTier(step.Tier, out var tier))
            {
                continue;
            }

            switch (step.Action)
            {
                case CaseActions.Confirm or CaseActions.Amend:
                    signed[tier] = step;
                    break;
                case CaseActions.Return:
                    Withdraw(signed, tier == Tier.Township ? Tier.Township : tier - 1);
                    break;
                case CaseActions.Objection:
                    Withdraw(signed, Tier.County);
                    break;
            }
        }

        return new TierSignaturesView(Of(signed, Tier.Township), Of(signed, Tier.County), Of(signed, Tier.City));
    }

    private static void Withdraw(Dictionary<Tier, CaseStepView> signed, Tier from)
    {
        foreach (var tier in signed.Keys.Where(t => t >= from).ToList())
        {
            signed.Remove(tier);
        }
    }

    private static SignatureView? Of(Dictionary<Tier, CaseStepView> signed, Tier tier) =>
        signed.TryGetValue(tier, out var step) ? new SignatureView(step.Action, step.By, step.At) : null;
}
