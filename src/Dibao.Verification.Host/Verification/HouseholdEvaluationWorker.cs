using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// The one writer of verification results: applies the policy to queued households in passes, so answers
/// arriving from many agencies at once neither race each other on a household nor repeat the work.
/// At start-up every unsettled household is queued, so answers stored just before a crash still count.
/// </summary>
public sealed partial class HouseholdEvaluationWorker(
    IServiceScopeFactory scopes,
    EvaluationQueue queue,
    ILogger<HouseholdEvaluationWorker> logger) : BackgroundService
{
    private const int HouseholdsPerPass = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await QueueUnsettledAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var ids = queue.Take(HouseholdsPerPass);
            if (ids.Count == 0)
            {
                await queue.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                continue;
            }

            try
            {
                await EvaluateAsync(ids, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A decision on a household (confirmation) may have changed it meanwhile: evaluate again on fresh state.
                LogPassFailed(logger, ids.Count, ex);
                queue.Enqueue(ids);
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
        }
    }

    private async Task EvaluateAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await scope.ServiceProvider.GetRequiredService<HouseholdReevaluator>().ReevaluateAsync(ids, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<HubMessages>().Flush();
    }

    private async Task QueueUnsettledAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        queue.Enqueue(await db.Set<Household>().Where(h => h.SettledAtUtc == null).Select(h => h.Id).ToListAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating {Count} households failed; they are queued again")]
    private static partial void LogPassFailed(ILogger logger, int count, Exception exception);
}
