using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Roll;
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
    RollRegister roll,
    IOptions<ConfirmationOptions> options,
    CaseDeadlines deadlines,
    TimeProvider clock,
    ILogger<CaseWorkflow> logger)
{
    /// <summary>
    /// A round of the household's verification settled: open its case, or hand a case being verified again the new
    /// round at the township. Exactly one case per household: the unique household index refuses a second.
    /// </summary>
    /// <param name="existing">The household's case, if it has one, loaded with its history.</param>
    /// <param name="kind">What a new case is about: an application, or a change found on the roll (<see cref="CaseKinds"/>).</param>
    public async Task SettledAsync(
        Batch batch, Household household, Case? existing, CaseEvaluation evaluation, IReadOnlyList<string> reasonCodes, CancellationToken cancellationToken, string kind = CaseKinds.Application)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            var opened = Case.Open(batch.Id, household.Id, household.Ref, batch.Township, evaluation, now, kind);
            db.Cases.Add(opened);
            await ArrivedAsync(opened, reasonCodes, cancellationToken);
        }
        else if (existing.Reverified(evaluation, now))
        {
            await ArrivedAsync(existing, reasonCodes, cancellationToken);
        }
    }

    /// <summary>A case reached a tier (or was decided on): auto-confirm it where configured and announce it if it became final.</summary>
    /// <param name="reasonCodes">The codes of the evaluation the case carries, announced with a confirmation.</param>
    /// <param name="confirmed">The decision just taken already confirmed it at the city.</param>
    public async Task ArrivedAsync(Case @case, IReadOnlyList<string> reasonCodes, CancellationToken cancellationToken, bool confirmed = false)
    {
        var tiers = options.Value.Tiers;
        confirmed |= @case.AutoConfirm(t => tiers.For(t).AutoConfirm, clock.GetUtcNow().UtcDateTime, deadlines.NoticeFromToday());
        if (!confirmed)
        {
            return;
        }

        var signed = @case.History[^1];
        messages.Publish(new HouseholdVerificationConfirmed(
            @case.Id, @case.BatchId, @case.HouseholdRef, @case.Township, OutcomeNames.Of(@case.Outcome),
            reasonCodes, @case.AmendmentReason, signed.By,
            new DateTimeOffset(@case.ConfirmedAtUtc ?? signed.AtUtc, TimeSpan.Zero)));
        LogConfirmed(logger, @case.Id, @case.HouseholdRef, OutcomeNames.Of(@case.Outcome), signed.By);
        await roll.ConfirmedAsync(@case, cancellationToken);
    }

    /// <summary>The reason codes of the evaluation a case carries, for announcing it.</summary>
    public async Task<IReadOnlyList<string>> ReasonCodesAsync(Case @case, CancellationToken cancellationToken)
    {
        var json = await db.Evaluations.Where(e => e.Id == @case.EvaluationId).Select(e => e.ReasonsJson).SingleAsync(cancellationToken);
        return [.. (JsonSerializer.Deserialize<List<Reason>>(json, HubJson.Options) ?? []).Select(r => r.Code)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} of household {HouseholdRef} confirmed by the city: {Outcome}, signed by {By}")]
    private static partial void LogConfirmed(ILogger logger, Guid caseId, string householdRef, string outcome, string by);
}
