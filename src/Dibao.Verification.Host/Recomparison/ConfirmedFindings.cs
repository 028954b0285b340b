using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Roll;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// What a recipient was last confirmed on: the income per head and the reasons of that evaluation, or an imported
/// household's baseline.
/// </summary>
/// <param name="PerCapitaMonthlyIncome">Null for a household imported without evidence and no baseline yet, or one whose income was not known.</param>
/// <param name="BaselineRunId">For a baseline, the run whose answers it rests on.</param>
public sealed record ConfirmedFindings(decimal? PerCapitaMonthlyIncome, IReadOnlyList<Reason> Reasons, Guid? BaselineRunId = null)
{
    /// <summary>An imported recipient, confirmed before the hub: its first unchanged run sets what later ones compare with.</summary>
    public static ConfirmedFindings None { get; } = new(null, []);

    /// <summary>
    /// What a roll entry is compared with: its confirmed evaluation's findings, else its baseline. A baseline has no
    /// reasons: the run that set it compared the household unchanged with none, so that run found no reason to fail or to
    /// look at it.
    /// </summary>
    /// <param name="confirmed">The findings of the confirmed evaluations (<see cref="ReadAsync"/>), holding the entry's.</param>
    public static ConfirmedFindings Of(RollHousehold entry, IReadOnlyDictionary<Guid, ConfirmedFindings> confirmed) =>
        entry.EvaluationId is { } id ? confirmed[id]
        : entry.BaselinePerCapitaMonthlyIncome is { } baseline ? new ConfirmedFindings(baseline, [], entry.BaselineRunId)
        : None;

    /// <summary>The findings of these evaluations, read at once, by evaluation id.</summary>
    public static async Task<Dictionary<Guid, ConfirmedFindings>> ReadAsync(HubDbContext db, IReadOnlyCollection<Guid> evaluationIds, CancellationToken cancellationToken) =>
        (await db.Evaluations.AsNoTracking().Where(e => evaluationIds.Contains(e.Id))
            .Select(e => new { e.Id, e.PerCapitaMonthlyIncome, e.ReasonsJson }).ToListAsync(cancellationToken))
        .ToDictionary(e => e.Id, e => new ConfirmedFindings(e.PerCapitaMonthlyIncome, JsonSerializer.Deserialize<List<Reason>>(e.ReasonsJson, HubJson.Options) ?? []));
}
