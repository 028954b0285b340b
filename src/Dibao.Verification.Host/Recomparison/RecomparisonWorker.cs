using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Every hub instance runs one: it takes chunks of every running run while the run has room, so the work of a run is
/// shared by the instances on one database and resumes after any of them stops, from the run's last checkpoint.
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
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
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
        List<Guid> running;
        using (var scope = scopes.CreateScope())
        {
            running = await scope.ServiceProvider.GetRequiredService<HubDbContext>().RecomparisonRuns.AsNoTracking()
                .Where(r => r.Status == RecomparisonStatus.Running).OrderBy(r => r.StartedAtUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        foreach (var runId in running)
        {
            var advanced = true;
            while (advanced && !cancellationToken.IsCancellationRequested)
            {
                using var scope = scopes.CreateScope();
                try
                {
                    advanced = await scope.ServiceProvider.GetRequiredService<RecomparisonChunks>().AdvanceAsync(runId, cancellationToken);
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
