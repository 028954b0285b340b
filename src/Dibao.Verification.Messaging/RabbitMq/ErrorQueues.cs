using System.Diagnostics.Metrics;
using RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Dibao.Verification.Messaging.Telemetry;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// Counts the messages waiting in the <c>_error</c> queue of every queue this process consumes (a passive declare per
/// queue, which reads the broker's count without touching a message), for <c>/health</c> and the
/// <c>dibao.bus.faulted_messages</c> gauge, and those waiting in the queues themselves for the
/// <c>dibao.bus.queue_depth</c> gauge. The gauges report the last counts, refreshed every
/// <see cref="RefreshInterval"/> (and the faulted ones at every health check).
/// </summary>
public sealed partial class ErrorQueues : BackgroundService
{
    public const string MeterName = TelemetryNames.Bus;
    public const string Suffix = "_error";

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly BrokerConnection _broker;
    private readonly ReceiveQueues _queues;
    private readonly TimeProvider _clock;
    private readonly ILogger<ErrorQueues> _logger;
    private volatile IReadOnlyDictionary<string, long> _last = new Dictionary<string, long>();
    private volatile IReadOnlyDictionary<string, long> _depths = new Dictionary<string, long>();

    public ErrorQueues(BrokerConnection broker, ReceiveQueues queues, IMeterFactory meters, TimeProvider clock, ILogger<ErrorQueues> logger)
    {
        _broker = broker;
        _queues = queues;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "dibao.bus.faulted_messages",
            () => _last.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
            unit: "{message}",
            description: "Messages that failed all their retries and redeliveries and wait in the queue's _error queue.");
        meter.CreateObservableGauge(
            "dibao.bus.queue_depth",
            () => _depths.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
            unit: "{message}",
            description: "Messages waiting in a queue this process consumes, delivered or not yet.");
    }

    /// <returns>By consumed queue, the messages in its error queue.</returns>
    public async Task<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var queue in _queues.Names)
        {
            counts[queue] = await CountAsync(queue + Suffix, cancellationToken);
        }

        _last = counts;
        return counts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CountAsync(stoppingToken);
                await CountDepthsAsync(stoppingToken);
                await Task.Delay(RefreshInterval, _clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A cancellation the host did not ask for (the client cancels what it was doing when the node drops) is a
                // failure like any other: let through, it would fault this service, and a faulted background service stops
                // the process.
                LogCountFailed(_logger, ex);
                await Task.Delay(RefreshInterval, _clock, stoppingToken);
            }
        }
    }

    private async Task CountDepthsAsync(CancellationToken cancellationToken)
    {
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var queue in _queues.Names)
        {
            depths[queue] = await CountAsync(queue, cancellationToken);
        }

        _depths = depths;
    }

    private async Task<long> CountAsync(string queue, CancellationToken cancellationToken)
    {
        // A failed passive declare closes its channel, so each queue gets its own.
        await using var channel = await _broker.OpenChannelAsync(confirms: false, cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            // MassTransit declares an error queue with the first message that faults.
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the messages in the queues or their error queues; trying again shortly")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
