using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>Degraded while faulted messages wait in error queues: the rest flows, but an operator has something to move back.</summary>
public sealed class ErrorQueueHealthCheck(ErrorQueues errorQueues) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var counts = await errorQueues.CountAsync(cancellationToken);
        var faulted = counts.Values.Sum();
        var data = new Dictionary<string, object>
        {
            ["faulted"] = faulted,
            ["errorQueues"] = counts.ToDictionary(c => c.Key + ErrorQueues.Suffix, c => c.Value),
        };
        if (faulted == 0)
        {
            return HealthCheckResult.Healthy(data: data);
        }

        var queues = string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key}{ErrorQueues.Suffix} ({c.Value})"));
        return HealthCheckResult.Degraded($"{faulted} messages failed and wait in {queues}; requeue-errors QUEUE moves them back once the cause is fixed.", data: data);
    }
}
