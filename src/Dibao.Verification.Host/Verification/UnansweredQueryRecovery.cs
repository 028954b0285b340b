using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// On the in-memory bus a question sent to an agency dies with the process. At start-up, every question
/// that was sent, is still unanswered and still within its deadline goes back into the outbox, so a
/// restart loses no household's verification. The same message id is sent again and answers are stored
/// idempotently, so nothing is counted twice.
/// On RabbitMQ nothing is sent again: an outbox row is marked sent only once the broker confirmed the message, which then
/// waits in a durable queue (or, for a bank, in a delay queue) across any restart, and rows never confirmed are still unsent,
/// so the dispatcher sends them anyway. Sending the confirmed ones again would ask the agencies twice.
/// Sent again is asked again: a household whose authorization has expired since is left out (<see cref="ConsentWithholding"/>).
/// </summary>
public sealed partial class UnansweredQueryRecovery(
    IServiceScopeFactory scopes,
    IOptions<BusOptions> bus,
    ConsentWithholding consent,
    EvaluationQueue evaluations,
    TimeProvider clock,
    ILogger<UnansweredQueryRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var (resent, withheldFrom) = await db.InTransactionAsync(token => RecoverAsync(db, token), cancellationToken);
        evaluations.Enqueue(withheldFrom);
        if (resent > 0)
        {
            LogRecovered(logger, resent);
        }
    }

    private async Task<(int Resent, IReadOnlyList<Guid> WithheldFrom)> RecoverAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        var open = await db.AgencyQueries
            .Where(q => q.AnsweredAtUtc == null && q.SentAtUtc != null && q.DeadlineUtc > now)
            .Select(q => q.Id)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return (0, []);
        }

        if (bus.Value.Transport == BusTransport.RabbitMq)
        {
            LogHeldByBroker(logger, open.Count);
            return (0, []);
        }

        // A question's outbox message carries the question's id.
        var resent = 0;
        var households = new List<Guid>();
        foreach (var questions in open.Chunk(500))
        {
            var (withheld, withheldFrom) = await consent.WithholdAsync(db, questions, cancellationToken);
            households.AddRange(withheldFrom);
            var page = questions.Where(id => !withheld.Contains(id)).ToList();
            resent += await db.Outbox
                .Where(m => page.Contains(m.Id) && m.SentAtUtc != null)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.SentAtUtc, (DateTime?)null)
                        .SetProperty(m => m.ClaimedBy, (string?)null)
                        .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
                    cancellationToken);
        }

        return (resent, households);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} agency questions are still unanswered; the broker holds them, so none is sent again")]
    private static partial void LogHeldByBroker(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} agency questions lost with the previous process are sent again")]
    private static partial void LogRecovered(ILogger logger, int count);
}
