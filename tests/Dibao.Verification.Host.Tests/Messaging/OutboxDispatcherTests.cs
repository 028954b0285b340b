using System.Collections.Concurrent;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Messaging;

/// <summary>The outbox's dispatcher on the embedded SQLite default, with a bus that refuses one message once, or all while the broker is away.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private const int Messages = 10;
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-dispatch-").FullName;
    private readonly ConcurrentQueue<Guid> _received = new();
    private readonly OneSendFails _fault = new();
    private readonly BrokerAway _broker = new();
    private readonly StalledSend _stall = new();
    private readonly OutboxOptions _options = new();
    private readonly BusOptions _bus = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(_received);
            services.AddSingleton<OutboxSignal>();
            services.AddSingleton(Options.Create(_options));
            services.AddSingleton<IQueueSendEndpoints, ShortAddressSendEndpoints>();
            services.AddSingleton(new BrokerSendTimeout(Options.Create(_bus)));
            services.AddMassTransit(bus =>
            {
                bus.DisableUsageTelemetry();
                bus.AddConsumer<OverdueConsumer>();
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigurePublish(publish =>
                    {
                        publish.UseExecute(_fault.Check);
                        publish.UseExecute(_broker.Check);
                        publish.UseExecuteAsync(_stall.CheckAsync);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            });
        });
        await HubDatabase.MigrateAsync(_services);
        await _services.GetRequiredService<IBusControl>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.GetRequiredService<IBusControl>().StopAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_dispatcher_whose_send_stalls_past_its_lease_leaves_what_another_took_to_it()
    {
        await OutboxRows.SeedAsync(_services, Messages);
        _stall.Stall("H-000000");
        var first = Dispatcher();
        var stalled = first.DispatchPageAsync(CancellationToken.None);
        await _stall.Reached.WaitAsync(TimeSpan.FromMinutes(1));

        // The first dispatcher's lease runs out while its send hangs: another instance takes the page and sends it.
        _clock.Advance(_options.ClaimFor + TimeSpan.FromSeconds(1));
        (await Dispatcher().DispatchPageAsync(CancellationToken.None)).ShouldBe(Messages);
        _stall.Release();
        await stalled.WaitAsync(TimeSpan.FromMinutes(1));

        _stall.Published.Where(p => p.Key != "H-000000").ShouldAllBe(p => p.Value == 1, "only the message whose send stalled may go twice");
        _stall.Published.Count.ShouldBe(Messages);
        (await RowsAsync()).ShouldAllBe(r => r.SentAtUtc != null);
    }

    [Fact]
    public async Task A_send_the_broker_never_confirms_fails_after_the_send_timeout_and_the_rest_of_its_page_goes_on()
    {
        // Long enough that no other send on a busy machine comes near it; the stalled one waits it out.
        _bus.SendTimeout = TimeSpan.FromSeconds(10);
        var ids = await OutboxRows.SeedAsync(_services, Messages);
        _stall.Stall("H-000004");

        (await Dispatcher().DispatchPageAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2))).ShouldBe(Messages);
        await ReceivedAsync(Messages - 1);

        var rows = await RowsAsync();
        rows.Where(r => r.Id != ids[4]).ShouldAllBe(r => r.SentAtUtc != null && r.Attempts == 1);
        var stalled = rows.Single(r => r.Id == ids[4]);
        (stalled.SentAtUtc, stalled.Attempts).ShouldBe((null, 1));
        stalled.NextAttemptAtUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_message_that_fails_to_send_is_the_only_one_sent_again_and_the_rest_of_its_page_goes_on()
    {
        var ids = await OutboxRows.SeedAsync(_services, Messages);
        var failing = ids[3];
        _fault.Fail("H-000003");
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(_services);

        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(Messages);
        await ReceivedAsync(Messages - 1);

        _received.ShouldNotContain(failing);
        var rows = await RowsAsync();
        rows.Where(r => r.Id != failing).ShouldAllBe(r => r.SentAtUtc != null && r.Attempts == 1);
        var failed = rows.Single(r => r.Id == failing);
        failed.SentAtUtc.ShouldBeNull();
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldNotBeNull().ShouldContain("The broker is away");
        failed.NextAttemptAtUtc.ShouldNotBeNull().ShouldBeGreaterThan(_clock.GetUtcNow().UtcDateTime);

        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(0, "it waits out its back-off");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(1);
        await ReceivedAsync(Messages);

        _received.Order().ShouldBe(ids.Order(), "each message consumed once");
        rows = await RowsAsync();
        rows.ShouldAllBe(r => r.SentAtUtc != null && r.ParkedAtUtc == null);
        rows.Single(r => r.Id == failing).Attempts.ShouldBe(2);
        rows.Where(r => r.Id != failing).ShouldAllBe(r => r.Attempts == 1);
    }

    [Fact]
    public async Task A_message_parked_while_the_broker_was_away_is_sent_once_it_is_back_after_the_parked_retry_interval()
    {
        _options.MaxAttempts = 2;
        _broker.Away = true;
        var id = (await OutboxRows.SeedAsync(_services, 1)).Single();
        var dispatcher = Dispatcher();
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await RowAsync(id, r => r.Attempts == 1);
            _clock.Advance(TimeSpan.FromSeconds(1));
            Wake();
            (await RowAsync(id, r => r.ParkedAtUtc != null)).Attempts.ShouldBe(2);

            _broker.Away = false;
            _clock.Advance(_options.ParkedRetryInterval);
            Wake();
            await ReceivedAsync(1);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }

        var sent = (await RowsAsync()).ShouldHaveSingleItem();
        (sent.SentAtUtc is not null, sent.ParkedAtUtc, sent.Attempts).ShouldBe((true, null, 1), "sent on the first of a fresh count of attempts");
    }

    [Fact]
    public async Task A_message_parked_while_the_broker_was_away_is_sent_when_the_dispatcher_starts_again()
    {
        _options.MaxAttempts = 2;
        _broker.Away = true;
        await OutboxRows.SeedAsync(_services, 1);
        var first = Dispatcher();
        await ParkAsync(first);

        _broker.Away = false;
        (await first.DispatchPageAsync(CancellationToken.None)).ShouldBe(0, "parked, and the interval not yet passed");
        var restarted = Dispatcher();
        await restarted.StartAsync(CancellationToken.None);
        try
        {
            await ReceivedAsync(1);
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
        }

        var sent = (await RowsAsync()).ShouldHaveSingleItem();
        (sent.SentAtUtc is not null, sent.ParkedAtUtc, sent.Attempts).ShouldBe((true, null, 1));
    }

    [Fact]
    public async Task A_parked_message_tried_again_keeps_its_error_in_view_and_is_parked_again_after_a_fresh_count_of_attempts()
    {
        _options.MaxAttempts = 2;
        _broker.Away = true;
        var id = (await OutboxRows.SeedAsync(_services, 1)).Single();
        var dispatcher = Dispatcher();
        await ParkAsync(dispatcher);
        var health = await HealthAsync();
        health.Status.ShouldBe(HealthStatus.Degraded);
        health.Description.ShouldNotBeNull().ShouldContain("tried again every 00:15:00");
        (health.Data["parked"], health.Data["retrying"]).ShouldBe((1, 0));

        (await dispatcher.RetryParkedAsync(CancellationToken.None)).ShouldBe(1);
        (await dispatcher.RetryParkedAsync(CancellationToken.None)).ShouldBe(0, "nothing is parked any more");

        var retried = (await RowsAsync()).ShouldHaveSingleItem();
        (retried.ParkedAtUtc, retried.Attempts, retried.NextAttemptAtUtc).ShouldBe((null, 0, null));
        retried.LastError.ShouldNotBeNull().ShouldContain("The broker is away");
        health = await HealthAsync();
        health.Status.ShouldBe(HealthStatus.Healthy);
        (health.Data["backlog"], health.Data["parked"], health.Data["retrying"]).ShouldBe((1, 0, 1));

        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(1);
        (await RowsAsync()).Single().ParkedAtUtc.ShouldBeNull("one failure of a fresh count");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(1);
        var parkedAgain = (await RowsAsync()).ShouldHaveSingleItem();
        (parkedAgain.Id, parkedAgain.ParkedAtUtc is not null, parkedAgain.Attempts).ShouldBe((id, true, 2));
    }

    [Fact]
    public async Task A_send_cancelled_while_the_hub_is_not_stopping_is_a_failed_send_and_the_dispatcher_goes_on()
    {
        // MassTransit cancels a send itself when the RabbitMQ node it was going to drops.
        _broker.Error = () => new OperationCanceledException("The node went away.");
        _broker.Away = true;
        var ids = await OutboxRows.SeedAsync(_services, 2);
        var dispatcher = Dispatcher();
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await RowAsync(ids[1], r => r.Attempts == 1 || dispatcher.ExecuteTask!.IsCompleted);
            dispatcher.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
            foreach (var row in await RowsAsync())
            {
                (row.Attempts, row.SentAtUtc, row.ParkedAtUtc).ShouldBe((1, null, null));
                row.NextAttemptAtUtc.ShouldNotBeNull().ShouldBeGreaterThan(_clock.GetUtcNow().UtcDateTime);
                row.LastError.ShouldNotBeNull().ShouldStartWith(nameof(OperationCanceledException));
            }

            _broker.Away = false;
            _clock.Advance(TimeSpan.FromSeconds(1));
            Wake();
            await ReceivedAsync(2);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Parks the one stored message: <see cref="OutboxOptions.MaxAttempts"/> (two) sends while the broker is away.</summary>
    private async Task ParkAsync(OutboxDispatcher dispatcher)
    {
        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await dispatcher.DispatchPageAsync(CancellationToken.None)).ShouldBe(1);
        var parked = (await RowsAsync()).ShouldHaveSingleItem();
        (parked.ParkedAtUtc is not null, parked.Attempts).ShouldBe((true, 2));
    }

    private OutboxDispatcher Dispatcher() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(_services);

    private void Wake() => _services.GetRequiredService<OutboxSignal>().Notify();

    private Task<HealthCheckResult> HealthAsync() =>
        ActivatorUtilities.CreateInstance<OutboxHealthCheck>(_services).CheckHealthAsync(new HealthCheckContext());

    /// <summary>The row once <paramref name="until"/> holds for it, two minutes at most: a running dispatcher writes it in its own time.</summary>
    private async Task<OutboxMessage> RowAsync(Guid id, Func<OutboxMessage, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        OutboxMessage row;
        while (!until(row = await HubDatabase.InScopeAsync(_services, db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        until(row).ShouldBeTrue($"row {id}: attempts {row.Attempts}, parked {row.ParkedAtUtc}, sent {row.SentAtUtc}");
        return row;
    }

    private Task<List<OutboxMessage>> RowsAsync() => HubDatabase.InScopeAsync(_services, db => db.Outbox.AsNoTracking().ToListAsync());

    private async Task ReceivedAsync(int count)
    {
        await OutboxRows.ConsumedAsync(_received, count);
        _received.Count.ShouldBe(count);
    }

    /// <summary>
    /// The broker away for one message's first publish, and back for its next. Known by its content: the bus's own
    /// publish filters run before the dispatcher gives the message its id.
    /// </summary>
    private sealed class OneSendFails
    {
        private string? _householdRef;
        private int _failed;

        /// <param name="householdRef">The one <see cref="OutboxRows.SeedAsync"/> gave the message.</param>
        public void Fail(string householdRef) => _householdRef = householdRef;

        public void Check(SendContext context)
        {
            if (context is SendContext<CaseOverdue> overdue && overdue.Message.HouseholdRef == _householdRef && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new InvalidOperationException("The broker is away.");
            }
        }
    }

    /// <summary>One message's first publish hangs until released, as on a broker in a memory alarm; every publish is counted.</summary>
    private sealed class StalledSend
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _householdRef;
        private int _stalled;

        public ConcurrentDictionary<string, int> Published { get; } = new();

        public Task Reached => _reached.Task;

        public void Stall(string householdRef) => _householdRef = householdRef;

        public void Release() => _released.TrySetResult();

        public async Task CheckAsync(SendContext context)
        {
            if (context is not SendContext<CaseOverdue> overdue)
            {
                return;
            }

            Published.AddOrUpdate(overdue.Message.HouseholdRef, 1, (_, count) => count + 1);
            if (overdue.Message.HouseholdRef == _householdRef && Interlocked.Exchange(ref _stalled, 1) == 0)
            {
                _reached.TrySetResult();

                // As the RabbitMQ transport does, the send gives up waiting when its token is cancelled.
                await _released.Task.WaitAsync(context.CancellationToken);
            }
        }
    }

    /// <summary>The broker away for every message while <see cref="Away"/>, each send failing with <see cref="Error"/>.</summary>
    private sealed class BrokerAway
    {
        private volatile bool _away;

        public bool Away
        {
            get => _away;
            set => _away = value;
        }

        public Func<Exception> Error { get; set; } = () => new InvalidOperationException("The broker is away.");

        public void Check(SendContext context)
        {
            if (_away)
            {
                throw Error();
            }
        }
    }

    private sealed class OverdueConsumer(ConcurrentQueue<Guid> received) : IConsumer<CaseOverdue>
    {
        public Task Consume(ConsumeContext<CaseOverdue> context)
        {
            received.Enqueue(context.MessageId!.Value);
            return Task.CompletedTask;
        }
    }
}
