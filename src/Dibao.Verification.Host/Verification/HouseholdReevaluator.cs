using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Re-applies the policy to households whose answers changed. The whole result is recomputed from
/// every stored answer each time, so the order in which agencies answer never matters.
/// </summary>
public sealed class HouseholdReevaluator(HubDbContext db, PolicyProvider policy, HubMessages messages, CaseWorkflow cases, TimeProvider clock)
{
    public async Task ReevaluateAsync(IReadOnlyCollection<Guid> householdIds, CancellationToken cancellationToken)
    {
        if (householdIds.Count == 0)
        {
            return;
        }

        var households = await db.Households.Include(h => h.Members)
            .Where(h => householdIds.Contains(h.Id))
            .ToListAsync(cancellationToken);
        var batchIds = households.Select(h => h.BatchId).Distinct().ToList();
        var batches = await db.Batches.Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);

        // Answers changed in this unit of work are tracked; take them from the tracker so they count before saving.
        var answers = (await db.AgencyAnswers.Where(a => householdIds.Contains(a.HouseholdId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.MemberId);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var household in households)
        {
            var batch = batches[household.BatchId];
            var parameters = policy.Resolve(batch.Township)
                ?? throw new InvalidOperationException($"The policy no longer sets a monthly standard for township {batch.Township}.");
            var evidence = new HouseholdEvidence(batch.AsOf, [.. household.Members.OrderBy(m => m.Ordinal).Select(m => ToEvidence(m, answers[m.Id]))]);
            var evaluation = HouseholdEvaluator.Evaluate(evidence, parameters);
            Apply(household, evaluation, now);

            if (evaluation.Settled && household.SettledAtUtc is null)
            {
                household.SettledAtUtc = now;
                messages.Publish(new HouseholdVerificationCompleted(
                    batch.Id, household.Ref, batch.Township, OutcomeNames.Of(evaluation.Outcome),
                    [.. evaluation.Reasons.Select(r => r.Code)], clock.GetUtcNow()));

                // In the same unit of work, so a settled household never lacks its case.
                await cases.SettledAsync(batch, household, evaluation, cancellationToken);
            }
        }
    }

    private static void Apply(Household household, HouseholdEvaluation evaluation, DateTime now)
    {
        household.Outcome = evaluation.Outcome;
        household.PerCapitaMonthlyIncome = evaluation.PerCapitaMonthlyIncome;
        household.PerCapitaFinancialAssets = evaluation.PerCapitaFinancialAssets;
        household.ReasonsJson = JsonSerializer.Serialize(evaluation.Reasons, HubJson.Options);
        household.EvaluatedAtUtc = now;
        household.Version++;
    }

    private static MemberEvidence ToEvidence(Member member, IEnumerable<AgencyAnswerRecord> records) =>
        new(member.IdNumber, member.Name, [.. records.OrderBy(r => r.Source, StringComparer.Ordinal).Select(ToAnswer)]);

    private static AgencyAnswer ToAnswer(AgencyAnswerRecord record) => record.State switch
    {
        AnswerState.Answered => AgencyAnswer.Answered(record.Source, new PersonFinding(
            record.IdNumber,
            record.Kind ?? FindingKind.NoRecords,
            record.RefusalCode,
            record.FactsJson is null ? new PersonFacts() : JsonSerializer.Deserialize<PersonFacts>(record.FactsJson, HubJson.Options)!)),
        AnswerState.Unavailable => AgencyAnswer.Unavailable(record.Source),
        _ => AgencyAnswer.Awaited(record.Source),
    };
}
