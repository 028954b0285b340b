using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>The nightly re-comparison: one run per city on the roll, unless one is still running there.</summary>
[DisallowConcurrentExecution]
public sealed class RecomparisonJob(HubDbContext db, RecomparisonRuns runs) : IJob
{
    public static readonly JobKey Key = new("recomparison", "dibao");
    public static readonly TriggerKey TriggerKey = new("recomparison-nightly", "dibao");

    public const string System = "system";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var cities = await db.RollHouseholds.AsNoTracking().Where(r => r.LeftAtUtc == null)
            .Select(r => r.Township.Substring(0, 4)).Distinct().ToListAsync(cancellationToken);
        var running = await db.RecomparisonRuns.AsNoTracking().Where(r => r.Status == RecomparisonStatus.Running)
            .Select(r => r.Jurisdiction).ToListAsync(cancellationToken);
        foreach (var city in cities.Order(StringComparer.Ordinal).Where(c => !running.Contains(c)))
        {
            await runs.StartAsync(city, null, System, cancellationToken);
        }
    }
}
