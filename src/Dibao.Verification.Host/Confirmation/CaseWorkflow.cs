using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// What happens to a case around a decision, in the caller's unit of work: opening it when the automated
/// verification settles, letting clean cases through auto-confirming tiers, and announcing a confirmation.
/// </summary>
public sealed partial class CaseWorkflow(
    HubDbContext db,
    HubMessages messages,
    IOptions<ConfirmationOptions> options,
    TimeProvider clock,
    ILogger<CaseWorkflow> logger)
{
    /// <summary>
    /// The household's automated verification settled: open its case, or put a case being verified again back
    /// at the township. Exactly one case per household: the unique household index refuses a second.
    /// </summary>
    public async Task SettledAsync(Batch batch, Household household, HouseholdEvaluation evaluation, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reviewReasons = evaluation.Reasons.Any(r => r.Severity == ReasonSeverity.Review);
        // A query, not DbSet.Local: Local scans every tracked entity each call, and an evaluation pass tracks thousands of answers.
        var existing = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.HouseholdId == household.Id, cancellationToken);
        if (existing is null)
        {
            var opened = Case.Open(batch.Id, household.Id, household.Ref, batch.Township, evaluation.Outcome, reviewReasons, now);
            db.Cases.Add(opened);
            Arrived(opened, household);
        }
        else if (existing.Reverified(evaluation.Outcome, reviewReasons, now))
        {
            Arrived(existing, household);
        }
    }

    /// <summary>A case reached a tier (or was decided on): auto-confirm it where configured and announce it if it became final.</summary>
    /// <param name="confirmed">The decision just taken already confirmed it at the city.</param>
    public void Arrived(Case @case, Household household, bool confirmed = false)
    {
        var tiers = options.Value.Tiers;
        confirmed |= @case.AutoConfirm(t => tiers.For(t).AutoConfirm, clock.GetUtcNow().UtcDateTime);
        if (!confirmed)
        {
            return;
        }

        var reasons = JsonSerializer.Deserialize<List<Reason>>(household.ReasonsJson, HubJson.Options) ?? [];
        var signed = @case.History[^1];
        messages.Publish(new HouseholdVerificationConfirmed(
            @case.Id, @case.BatchId, @case.HouseholdRef, @case.Township, OutcomeNames.Of(@case.Outcome),
            [.. reasons.Select(r => r.Code)], @case.AmendmentReason, signed.By,
            new DateTimeOffset(@case.ConfirmedAtUtc ?? signed.AtUtc, TimeSpan.Zero)));
        LogConfirmed(logger, @case.Id, @case.HouseholdRef, OutcomeNames.Of(@case.Outcome), signed.By);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} of household {HouseholdRef} confirmed by the city: {Outcome}, signed by {By}")]
    private static partial void LogConfirmed(ILogger logger, Guid caseId, string householdRef, string outcome, string by);
}
