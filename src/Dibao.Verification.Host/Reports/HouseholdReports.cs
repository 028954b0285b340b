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
    /// At each tier, the last confirm or amend since the result was last verified, as the final view counts them: a
    /// re-verification starts the signing over.
    /// </summary>
    internal static TierSignaturesView Signatures(IReadOnlyList<CaseStepView> history)
    {
        var since = history.ToList().FindLastIndex(s => s.Action == CaseActions.Verified);
        var signed = history.Skip(since + 1)
            .Where(s => s.Action is CaseActions.Confirm or CaseActions.Amend)
            .GroupBy(s => s.Tier, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return new TierSignaturesView(Of(signed, Tier.Township), Of(signed, Tier.County), Of(signed, Tier.City));
    }

    private static SignatureView? Of(Dictionary<string, CaseStepView> signed, Tier tier) =>
        signed.TryGetValue(CaseNames.Of(tier), out var step) ? new SignatureView(step.Action, step.By, step.At) : null;
}
