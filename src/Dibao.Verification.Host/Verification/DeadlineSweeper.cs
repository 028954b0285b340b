using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Marks answers still awaited past their agency's deadline as unavailable, so the household
/// becomes incomplete with <c>AGENCY_UNAVAILABLE</c> instead of waiting for ever. A late answer still counts.
/// </summary>
public sealed partial class DeadlineSweeper(
    IServiceScopeFactory scopes,
    IOptions<VerificationOptions> options,
    EvaluationQueue evaluations,
    TimeProvider clock,
    ILogger<DeadlineSweeper> logger) : BackgroundService
{
    private const int PageSize = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SweepAsync(stoppingToken) == PageSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.AgencyAnswers
            .Where(a => a.State == AnswerState.Awaited && a.DeadlineUtc < now)
            .OrderBy(a => a.DeadlineUtc)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        foreach (var record in overdue)
        {
            record.State = AnswerState.Unavailable;
        }

        foreach (var agency in overdue.GroupBy(a => a.Source))
        {
            LogOverdue(logger, agency.Key, agency.Count());
        }

        await db.SaveChangesAsync(cancellationToken);
        evaluations.Enqueue(overdue.Select(a => a.HouseholdId).Distinct());
        return overdue.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agency} did not answer about {Count} members by its deadline")]
    private static partial void LogOverdue(ILogger logger, string agency, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep failed; trying again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
