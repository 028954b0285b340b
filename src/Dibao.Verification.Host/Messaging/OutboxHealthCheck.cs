using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// Degraded while stored messages are parked: the rest flows, but an operator has something to look at. Parked messages
/// are tried again every <see cref="OutboxOptions.ParkedRetryInterval"/>, and while they are they count as retrying, with
/// the messages whose last send failed, rather than disappearing from view.
/// </summary>
public sealed class OutboxHealthCheck(IServiceScopeFactory scopes, IOptions<OutboxOptions> options) : IHealthCheck
{
    private const int Listed = 20;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var backlog = await db.Outbox.CountAsync(m => m.SentAtUtc == null && m.ParkedAtUtc == null, cancellationToken);
        var retrying = await db.Outbox.CountAsync(m => m.SentAtUtc == null && m.ParkedAtUtc == null && m.LastError != null, cancellationToken);
        var parked = await db.Outbox.AsNoTracking()
            .Where(m => m.ParkedAtUtc != null)
            .OrderByDescending(m => m.ParkedAtUtc)
            .Select(m => new { m.Id, m.MessageType, m.Attempts, m.ParkedAtUtc, m.LastError })
            .Take(Listed)
            .ToListAsync(cancellationToken);
        var parkedCount = parked.Count < Listed ? parked.Count : await db.Outbox.CountAsync(m => m.ParkedAtUtc != null, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["backlog"] = backlog,
            ["retrying"] = retrying,
            ["parked"] = parkedCount,
            ["parkedMessages"] = parked,
        };
        return parkedCount == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(
                $"{parkedCount} stored messages could not be sent and are parked; parked messages are tried again every {options.Value.ParkedRetryInterval}.",
                data: data);
    }
}
