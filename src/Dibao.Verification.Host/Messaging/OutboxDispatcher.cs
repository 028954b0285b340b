using System.Text.Json;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Operations.Telemetry;
using Dibao.Verification.Host.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// Sends stored messages in the order they were stored and marks each sent on its own, so a failure re-sends at most
/// the message that failed. The message id is the outbox id, so a message re-sent after a crash is recognisable
/// downstream; consumers are idempotent. A message that cannot be sent (or read) backs off alone and is parked with
/// its error after <see cref="OutboxOptions.MaxAttempts"/>, while the rest flows: it may then overtake an older one.
/// Parked messages get a fresh count of attempts when the dispatcher starts and every
/// <see cref="OutboxOptions.ParkedRetryInterval"/>, since what parks every message at once is mostly the broker away for
/// longer than the attempts last, not the messages.
/// Any number of hub instances may dispatch from one database: each claims its pages (<see cref="OutboxClaims"/>), and
/// gives back what it has not sent when it stops. Nothing is sent before the host has started: until the bus's receive
/// endpoints are bound, a message sent to a queue is dropped by the transport, and the dispatcher starts before the bus.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    IQueueSendEndpoints queues,
    BrokerSendTimeout sendTimeout,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private const int PageSize = 200;
    private const int MaxErrorLength = 1000;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(5);

    /// <summary>This dispatcher among every hub instance's, as its claims name it.</summary>
    private readonly string _claimant = Claimant();

    /// <summary>When parked messages are next given another try; null until the first, at start-up.</summary>
    private DateTimeOffset? _parkedRetryAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before every hosted service has started, the bus among them: on the in-memory transport a message sent
        // before its consumer's queue is bound is dropped, yet marked sent.
        if (lifetime is not null)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RetryParkedWhenDueAsync(stoppingToken);
                var taken = await DispatchPageAsync(stoppingToken);
                if (taken < PageSize)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync();
                return;
            }
            catch (Exception ex)
            {
                // A cancellation the host did not ask for is a failure like any other: let through, it would fault this
                // service, and a faulted background service stops the hub.
                LogDispatchFailed(logger, ex);
                await Task.Delay(ErrorBackoff, clock, stoppingToken);
            }
        }
    }

    /// <returns>How many messages were due, sent or not.</returns>
    public async Task<int> DispatchPageAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var page = await OutboxClaims.ClaimAsync(db, _claimant, clock.GetUtcNow().UtcDateTime, options.Value.ClaimFor, PageSize, cancellationToken);
        if (page.Count == 0)
        {
            return 0;
        }

        // One statement for the page, run once per message: a batch's settlement announces a thousand results at once.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var markSent = PreparedStatement.Autocommitted<OutboxMessage>(db,
                "UPDATE {Table} SET {SentAtUtc} = @sentAt, {Attempts} = @attempts WHERE {Id} = @id",
                ("sentAt", nameof(OutboxMessage.SentAtUtc)), ("attempts", nameof(OutboxMessage.Attempts)), ("id", nameof(OutboxMessage.Id)));
            var renewAt = clock.GetUtcNow() + (options.Value.ClaimFor / 2);
            IReadOnlySet<Guid>? stillClaimed = null;
            foreach (var message in page)
            {
                if (clock.GetUtcNow() >= renewAt)
                {
                    stillClaimed = await RenewClaimAsync(db, cancellationToken);
                    renewAt = clock.GetUtcNow() + (options.Value.ClaimFor / 2);
                }

                if (stillClaimed is not null && !stillClaimed.Contains(message.Id))
                {
                    continue;
                }

                try
                {
                    await SendAsync(message, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Unless the hub is stopping, a cancelled send is a failed one: MassTransit cancels a send itself when
                    // the RabbitMQ node it was going to drops.
                    await FailedAsync(db, message, ex, cancellationToken);
                    continue;
                }

                await markSent.Set("sentAt", clock.GetUtcNow().UtcDateTime).Set("attempts", message.Attempts + 1).Set("id", message.Id)
                    .ExecuteAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return page.Count;
    }

    /// <summary>
    /// Sending a page has taken half its lease (a broker stalling on a send): the lease is renewed on what this dispatcher
    /// still holds unsent. What another dispatcher took once the lease ran out is its to send, and is left out here rather
    /// than sent twice; only the message whose send stalled may go twice, which consumers take as one by its id.
    /// </summary>
    /// <returns>The messages still claimed by this dispatcher.</returns>
    private async Task<IReadOnlySet<Guid>> RenewClaimAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().UtcDateTime + options.Value.ClaimFor;
        var mine = db.Outbox.Where(m => m.ClaimedBy == _claimant && m.SentAtUtc == null);
        await mine.ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        return (await mine.Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>
    /// Gives every parked message a fresh count of attempts, due at once. Its last error is kept: /health lists it among
    /// the messages being retried, so an operator still sees why it had been parked.
    /// </summary>
    /// <returns>How many parked messages were given another try.</returns>
    public async Task<int> RetryParkedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();

        // One statement conditional on the message being parked, not a read and then a write: a message another instance
        // tries, parks or sends in between would be reset from what was read.
        var retried = await db.Outbox.Where(m => m.ParkedAtUtc != null && m.SentAtUtc == null)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.ParkedAtUtc, (DateTime?)null)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAtUtc, (DateTime?)null),
                cancellationToken);
        if (retried > 0)
        {
            LogRetryingParked(logger, retried, options.Value.MaxAttempts);
        }

        return retried;
    }

    private async Task RetryParkedWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_parkedRetryAt is { } due && now < due)
        {
            return;
        }

        await RetryParkedAsync(cancellationToken);

        // Only once done: a start whose database was not yet reachable retries them on the next pass.
        _parkedRetryAt = now + options.Value.ParkedRetryInterval;
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // MassTransit's send span, and the trace context it puts in the message's headers, descend from this one.
        using var activity = HubTelemetry.StartOutboxSend(message);

        // A send that never completes would hold every message behind it; timed out, it is a failed send, tried again later.
        using var send = sendTimeout.Start(cancellationToken);
        try
        {
            var type = ContractTypes.Resolve(message.MessageType);
            var body = JsonSerializer.Deserialize(message.Body, type, HubJson.Options)
                ?? throw new InvalidOperationException($"Stored message {message.Id} has an empty body.");
            if (message.Destination is null)
            {
                await bus.Publish(body, type, context => context.MessageId = message.Id, send.Token);
            }
            else
            {
                var endpoint = await queues.GetSendEndpoint(bus, new Uri(message.Destination));
                await endpoint.Send(body, type, context => context.MessageId = message.Id, send.Token);
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task FailedAsync(HubDbContext db, OutboxMessage message, Exception error, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var text = $"{error.GetType().Name}: {error.Message}";
        text = text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? parkedAt = null;
        DateTime? nextAttempt = null;
        if (attempts >= options.Value.MaxAttempts)
        {
            parkedAt = now;
            LogParked(logger, message.Id, message.MessageType, attempts, error);
        }
        else
        {
            var wait = TimeSpan.FromSeconds(Math.Pow(2, attempts - 1));
            nextAttempt = now + (wait < options.Value.MaxBackoff ? wait : options.Value.MaxBackoff);
            LogRetrying(logger, message.Id, message.MessageType, attempts, nextAttempt.Value, error);
        }

        await db.Outbox.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, text)
                    .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(m => m.ParkedAtUtc, parkedAt)
                    .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null),
                cancellationToken);
    }

    /// <summary>Stopping: the messages claimed and not sent go to the other instances now rather than when the claim runs out.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await OutboxClaims.ReleaseAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), _claimant, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReleaseFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending stored bus messages failed; retrying shortly")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the stored messages this instance claimed; others send them when the claim runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored message {MessageId} ({MessageType}) could not be sent (attempt {Attempts}); next try at {NextAttemptAtUtc:o}")]
    private static partial void LogRetrying(ILogger logger, Guid messageId, string messageType, int attempts, DateTime nextAttemptAtUtc, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored message {MessageId} ({MessageType}) parked after {Attempts} failed attempts; see /health")]
    private static partial void LogParked(ILogger logger, Guid messageId, string messageType, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} parked stored messages are tried again, {MaxAttempts} attempts each; any that still fail are parked again")]
    private static partial void LogRetryingParked(ILogger logger, int count, int maxAttempts);

    private static string Claimant()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 128 ? name : name[^128..];
    }

    /// <summary>Only contract types travel through the outbox.</summary>
    private static class ContractTypes
    {
        private static readonly System.Reflection.Assembly Contracts = typeof(QueryAgency).Assembly;

        public static Type Resolve(string name) =>
            Contracts.GetType(name, throwOnError: false)
            ?? throw new InvalidOperationException($"Stored message type '{name}' is not a contract type.");
    }
}
