using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// Sends stored messages in the order they were stored, marking each sent. The message id is the
/// outbox id, so a message re-sent after a crash is recognisable downstream; consumers are idempotent.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int PageSize = 200;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchPageAsync(stoppingToken);
                if (sent < PageSize)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
                await Task.Delay(ErrorBackoff, clock, stoppingToken);
            }
        }
    }

    private async Task<int> DispatchPageAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var page = await db.Outbox
            .Where(m => m.SentAtUtc == null)
            .OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id)
            .Take(PageSize)
            .ToListAsync(cancellationToken);

        foreach (var message in page)
        {
            var type = ContractTypes.Resolve(message.MessageType);
            var body = JsonSerializer.Deserialize(message.Body, type, HubJson.Options)!;
            message.Attempts++;
            if (message.Destination is null)
            {
                await bus.Publish(body, type, context => context.MessageId = message.Id, cancellationToken);
            }
            else
            {
                var endpoint = await bus.GetSendEndpoint(new Uri(message.Destination));
                await endpoint.Send(body, type, context => context.MessageId = message.Id, cancellationToken);
            }

            message.SentAtUtc = clock.GetUtcNow().UtcDateTime;
        }

        // One write per page, not per message: a crash before it re-sends the page with the same message ids,
        // which downstream consumers already recognise.
        await db.SaveChangesAsync(cancellationToken);
        return page.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending stored bus messages failed; retrying shortly")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    /// <summary>Only contract types travel through the outbox.</summary>
    private static class ContractTypes
    {
        private static readonly System.Reflection.Assembly Contracts = typeof(QueryAgency).Assembly;

        public static Type Resolve(string name) =>
            Contracts.GetType(name, throwOnError: false)
            ?? throw new InvalidOperationException($"Stored message type '{name}' is not a contract type.");
    }
}
