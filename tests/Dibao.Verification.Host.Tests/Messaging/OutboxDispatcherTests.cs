using System.Collections.Concurrent;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Messaging;

/// <summary>The outbox's dispatcher on the embedded SQLite default, with a bus that refuses one message once.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private const int Messages = 10;
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-dispatch-").FullName;
    private readonly ConcurrentQueue<Guid> _received = new();
    private readonly OneSendFails _fault = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(_received);
            services.AddSingleton<OutboxSignal>();
            services.AddOptions<OutboxOptions>();
            services.AddSingleton<IQueueSendEndpoints, ShortAddressSendEndpoints>();
            services.AddMassTransit(bus =>
            {
                bus.DisableUsageTelemetry();
                bus.AddConsumer<OverdueConsumer>();
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigurePublish(publish => publish.UseExecute(_fault.Check));
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

    private sealed class OverdueConsumer(ConcurrentQueue<Guid> received) : IConsumer<CaseOverdue>
    {
        public Task Consume(ConsumeContext<CaseOverdue> context)
        {
            received.Enqueue(context.MessageId!.Value);
            return Task.CompletedTask;
        }
    }
}
