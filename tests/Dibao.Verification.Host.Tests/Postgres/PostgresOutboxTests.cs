using System.Collections.Concurrent;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Messaging;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>Several hub instances dispatching from one PostgreSQL outbox: every stored message goes out once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task Claimers_racing_for_the_same_rows_each_get_different_ones_and_together_all()
    {
        await using var services = HubDatabase.Services("Postgres", await cluster.CreateDatabaseAsync());
        await HubDatabase.MigrateAsync(services);
        var ids = await OutboxRows.SeedAsync(services, 2000);

        var claimed = await OutboxRows.ClaimConcurrentlyAsync(services, claimers: 6, pageSize: 20);

        var all = claimed.Values.SelectMany(c => c).ToList();
        all.Count.ShouldBe(ids.Count, "no row claimed twice");
        all.Order().ShouldBe(ids.Order());
    }

    [PostgresFact]
    public async Task Two_hub_instances_dispatching_from_one_database_send_every_message_exactly_once()
    {
        const int Messages = 1500;
        var database = await cluster.CreateDatabaseAsync();
        var received = new ConcurrentQueue<(string Instance, Guid MessageId)>();
        await using var first = Instance("first", database, received);
        await using var second = Instance("second", database, received);
        await HubDatabase.MigrateAsync(first);
        var ids = await OutboxRows.SeedAsync(first, Messages);

        var buses = new[] { first, second }.Select(sp => sp.GetRequiredService<IBusControl>()).ToList();
        foreach (var bus in buses)
        {
            await bus.StartAsync();
        }

        var dispatchers = new[] { first, second }.Select(sp => ActivatorUtilities.CreateInstance<OutboxDispatcher>(sp)).ToList();
        await Task.WhenAll(dispatchers.Select(dispatcher => Task.Run(async () =>
        {
            while (await dispatcher.DispatchPageAsync(CancellationToken.None) > 0)
            {
            }
        })));

        // Stopping a bus did not always wait for the last deliveries on a busy machine. Every message is waited for (any
        // missing fails the count below), and a duplicate still shows, as the ids must then differ.
        await OutboxRows.ConsumedAsync(received, Messages);

        foreach (var bus in buses)
        {
            await bus.StopAsync();
        }

        received.Count.ShouldBe(Messages, "each message consumed once, by whichever instance sent it");
        received.Select(r => r.MessageId).Order().ShouldBe(ids.Order());
        var rows = await HubDatabase.InScopeAsync(first, db => db.Outbox.AsNoTracking().ToListAsync());
        rows.ShouldAllBe(m => m.SentAtUtc != null && m.Attempts == 1 && m.ClaimedBy != null);
    }

    private static ServiceProvider Instance(string name, string database, ConcurrentQueue<(string, Guid)> received) =>
        HubDatabase.Services("Postgres", database, (services, _) =>
        {
            services.AddSingleton(new ReceivedMessages(name, received));
            services.AddSingleton<OutboxSignal>();
            services.AddOptions<OutboxOptions>();
            services.AddSingleton<IQueueSendEndpoints, ShortAddressSendEndpoints>();
            services.AddSingleton<BrokerSendTimeout>();
            services.AddMassTransit(bus =>
            {
                bus.DisableUsageTelemetry();
                bus.AddConsumer<OverdueConsumer>().Endpoint(e => e.InstanceId = name);
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            });
        });

    private sealed record ReceivedMessages(string Instance, ConcurrentQueue<(string, Guid)> Queue);

    private sealed class OverdueConsumer(ReceivedMessages received) : IConsumer<CaseOverdue>
    {
        public Task Consume(ConsumeContext<CaseOverdue> context)
        {
            received.Queue.Enqueue((received.Instance, context.MessageId!.Value));
            return Task.CompletedTask;
        }
    }
}
