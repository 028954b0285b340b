using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dibao.Verification.Host.Verification;

/// <summary>Degraded while households are parked with outcome <c>error</c>: their evaluation failed and waits for an operator.</summary>
public sealed class ParkedHouseholdsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    private const int Listed = 20;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var parked = db.Households.AsNoTracking().Where(h => h.EvaluationError != null && h.CurrentEvaluationId == null);
        var count = await parked.CountAsync(cancellationToken);
        if (count == 0)
        {
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["parked"] = 0 });
        }

        var listed = await parked.OrderByDescending(h => h.SettledAtUtc)
            .Select(h => new { householdId = h.Id, h.BatchId, h.Ref, error = h.EvaluationError })
            .Take(Listed)
            .ToListAsync(cancellationToken);
        return HealthCheckResult.Degraded(
            $"{count} households could not be evaluated and are parked with outcome error.",
            data: new Dictionary<string, object> { ["parked"] = count, ["parkedHouseholds"] = listed });
    }
}
