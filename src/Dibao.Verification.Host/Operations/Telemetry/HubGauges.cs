using System.Diagnostics.Metrics;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Operations.Telemetry;

/// <summary>
/// Gauges read from the database when metrics are collected: the outbox backlog, households by outcome and cases by
/// tier and state. One read serves every gauge of a collection (a snapshot is kept for <see cref="SnapshotFor"/>).
/// They count the whole database, so every hub instance sharing it reports the same values: aggregate them by
/// maximum, not sum. Built only when a meter provider is (see <see cref="HubTelemetryRegistration"/>).
/// </summary>
public sealed partial class HubGauges
{
    private static readonly TimeSpan SnapshotFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly OfficeClock _office;
    private readonly ILogger<HubGauges> _logger;
    private readonly Lock _gate = new();
    private Snapshot? _last;
    private DateTimeOffset _readAt;

    public HubGauges(IServiceScopeFactory scopes, IMeterFactory meters, EvaluationQueue evaluations, TimeProvider clock, OfficeClock office, ILogger<HubGauges> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _office = office;
        _logger = logger;
        var meter = meters.Create(TelemetryNames.Hub);
        meter.CreateObservableGauge(
            "dibao.outbox.backlog",
            () => Read() is { } s ? [new Measurement<long>(s.Backlog)] : Array.Empty<Measurement<long>>(),
            unit: "{message}",
            description: "Stored bus messages not yet sent (parked ones apart).");
        meter.CreateObservableGauge(
            "dibao.outbox.parked",
            () => Read() is { } s ? [new Measurement<long>(s.Parked)] : Array.Empty<Measurement<long>>(),
            unit: "{message}",
            description: "Stored bus messages given up on after too many failed sends, waiting for an operator.");
        meter.CreateObservableGauge(
            "dibao.households",
            () => Read()?.Households.Select(h => new Measurement<long>(h.Value, new KeyValuePair<string, object?>("outcome", h.Key))) ?? [],
            unit: "{household}",
            description: "Households by the outcome of their current round: pending, pass, fail, review, incomplete or error.");
        meter.CreateObservableGauge(
            "dibao.cases",
            () => Read()?.Cases.Select(c => new Measurement<long>(c.Count, new("tier", c.Tier), new("state", c.State))) ?? [],
            unit: "{case}",
            description: "Cases by the tier that holds them and their state there, as the case views say it (notice-ended for a notice past its last day).");
        meter.CreateObservableGauge(
            "dibao.evaluation.queue_depth",
            () => evaluations.Count,
            unit: "{household}",
            description: "Households of this hub instance whose answers are all in, waiting for an evaluation pass.");
    }

    private Snapshot? Read()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_last is null || now - _readAt >= SnapshotFor)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(ReadTimeout);

                    // Collection calls back synchronously, on the exporter's thread.
                    _last = Task.Run(() => ReadAsync(timeout.Token), timeout.Token).GetAwaiter().GetResult();
                    _readAt = now;
                }
                catch (Exception ex)
                {
                    // The last values stand (or none, at first) until the database answers again.
                    LogReadFailed(_logger, ex);
                }
            }

            return _last;
        }
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var backlog = await db.Outbox.CountAsync(m => m.SentAtUtc == null && m.ParkedAtUtc == null, cancellationToken);
        var parked = await db.Outbox.CountAsync(m => m.ParkedAtUtc != null, cancellationToken);
        var unsettled = await db.Households.AsNoTracking()
            .Where(h => h.CurrentEvaluationId == null)
            .GroupBy(h => h.EvaluationError != null)
            .Select(g => new { Parked = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var settled = await db.Households.AsNoTracking()
            .Join(db.Evaluations, h => h.CurrentEvaluationId, e => (Guid?)e.Id, (h, e) => e.Outcome)
            .GroupBy(outcome => outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .GroupBy(c => new { c.Tier, c.State })
            .Select(g => new { g.Key.Tier, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // A notice past its last day is stored on notice until the notice job moves the case; the views say notice-ended.
        var today = _office.Today;
        var ranOut = await db.Cases.AsNoTracking()
            .Where(c => c.State == CaseState.OnNotice && c.NoticeTo < today)
            .GroupBy(c => c.Tier)
            .Select(g => new { Tier = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Tier, g => g.Count, cancellationToken);

        var households = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [VerificationViews.Pending] = unsettled.Where(u => !u.Parked).Sum(u => u.Count),
            [VerificationViews.Error] = unsettled.Where(u => u.Parked).Sum(u => u.Count),
        };
        foreach (var outcome in settled)
        {
            households[OutcomeNames.Of(outcome.Outcome)] = outcome.Count;
        }

        List<(string Tier, string State, long Count)> byState =
        [
            .. cases.Select(c => (CaseNames.Of(c.Tier), CaseNames.Of(c.State), (long)(c.Count - (c.State == CaseState.OnNotice ? ranOut.GetValueOrDefault(c.Tier) : 0)))),
            .. ranOut.Select(r => (CaseNames.Of(r.Key), CaseNames.NoticeEnded, (long)r.Value)),
        ];
        return new Snapshot(backlog, parked, households, byState);
    }

    private sealed record Snapshot(long Backlog, long Parked, IReadOnlyDictionary<string, long> Households, IReadOnlyList<(string Tier, string State, long Count)> Cases);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the hub's gauges from the database; the last values stand")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
