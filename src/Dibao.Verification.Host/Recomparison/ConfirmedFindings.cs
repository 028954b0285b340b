using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>What a recipient was last confirmed on: the income per head and the reasons of that evaluation.</summary>
/// <param name="PerCapitaMonthlyIncome">Null for a household imported without evidence, or one whose income was not known.</param>
public sealed record ConfirmedFindings(decimal? PerCapitaMonthlyIncome, IReadOnlyList<Reason> Reasons)
{
    /// <summary>An imported recipient, confirmed on paper before the hub: its first run sets what later ones compare with.</summary>
    public static ConfirmedFindings None { get; } = new(null, []);

    /// <summary>The findings of these evaluations, read at once, by evaluation id.</summary>
    public static async Task<Dictionary<Guid, ConfirmedFindings>> ReadAsync(HubDbContext db, IReadOnlyCollection<Guid> evaluationIds, CancellationToken cancellationToken) =>
        (await db.Evaluations.AsNoTracking().Where(e => evaluationIds.Contains(e.Id))
            .Select(e => new { e.Id, e.PerCapitaMonthlyIncome, e.ReasonsJson }).ToListAsync(cancellationToken))
        .ToDictionary(e => e.Id, e => new ConfirmedFindings(e.PerCapitaMonthlyIncome, JsonSerializer.Deserialize<List<Reason>>(e.ReasonsJson, HubJson.Options) ?? []));
}
