using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// Deletes sent messages older than <see cref="OutboxOptions.RetainSentFor"/>, at start-up and hourly, a slice at a time so
/// that a large backlog never holds the table long. Several hub instances purging at once delete nothing twice.
/// </summary>
public sealed partial class OutboxPurge(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxPurge> logger) : BackgroundService
{
    private const int Slice = 5000;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                {
                    LogPurged(logger, purged, options.Value.RetainSentFor);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A cancellation the host did not ask for (a delete cancelled under it on a broken connection) is a failure
                // like any other: let through, it would fault this service, and a faulted background service stops the hub.
                LogPurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many sent messages were deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.RetainSentFor;
        var purged = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            deleted = await db.Outbox.Where(m => m.SentAtUtc != null && m.SentAtUtc < before)
                .OrderBy(m => m.SentAtUtc)
                .Take(Slice)
                .ExecuteDeleteAsync(cancellationToken);
            purged += deleted;
        }
        while (deleted == Slice);

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} stored messages sent more than {RetainSentFor} ago")]
    private static partial void LogPurged(ILogger logger, int count, TimeSpan retainSentFor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting old sent messages failed; trying again within the hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
