using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Every hub instance runs one: it compares the chunks whose answers are in and takes chunks of every running run while
/// the run has room, so the work of a run is shared by the instances on one database and resumes after any of them
/// stops, from the run's last checkpoint.
/// </summary>
public sealed partial class RecomparisonWorker(
    IServiceScopeFactory scopes, RecomparisonWake wake, IOptions<RecomparisonOptions> options, ILogger<RecomparisonWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AdvanceAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A cancellation the host did not ask for (a database command or a send cancelled under it) is a failure
                // like any other: let through, it would fault this service, and a faulted background service stops the hub.
                LogFailed(logger, ex);
            }

            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task AdvanceAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> runs;
        using (var scope = scopes.CreateScope())
        {
            // A cancelled run takes nothing more, but what it asked about is still compared.
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            runs = await db.RecomparisonRuns.AsNoTracking()
                .Where(r => r.Status == RecomparisonStatus.Running || db.RecomparisonChunks.Any(c => c.RunId == r.Id && c.ComparedAtUtc == null))
                .OrderBy(r => r.StartedAtUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        foreach (var runId in runs)
        {
            var advanced = true;
            while (advanced && !cancellationToken.IsCancellationRequested)
            {
                using var scope = scopes.CreateScope();
                try
                {
                    var compared = await scope.ServiceProvider.GetRequiredService<RecomparisonComparison>().CompareNextAsync(runId, cancellationToken);
                    advanced = await scope.ServiceProvider.GetRequiredService<RecomparisonChunks>().AdvanceAsync(runId, cancellationToken) || compared;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another instance took this chunk or finished the run first: look again.
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-comparison work failed; trying again at the next look")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
