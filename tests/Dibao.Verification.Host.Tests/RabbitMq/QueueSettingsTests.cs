using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Messaging.RabbitMq;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>The queue type and per-endpoint prefetch the settings ask for are what the broker holds.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class QueueSettingsTests(RabbitMqNode node)
{
    [RabbitMqFact]
    public async Task Queues_are_quorum_queues_and_an_endpoint_takes_its_own_prefetch()
    {
        var vhost = await node.NewVirtualHostAsync();
        await using var hub = await RunningHub.StartAsync([.. vhost.HubSettings, "Bus:Endpoints:agency-bank:PrefetchCount=7"]);

        var queues = (await node.ListAsync(vhost.Name, "list_queues", "name", "type")).ToDictionary(row => row[0], row => row[1]);
        queues["agency-bank"].ShouldBe("quorum");
        queues["hub-agency-findings"].ShouldBe("quorum");
        queues.Keys.Where(q => q.StartsWith("agency-", StringComparison.Ordinal)).Count().ShouldBe(6);
        var consumers = await node.ListAsync(vhost.Name, "list_consumers", "queue_name", "prefetch_count");
        consumers.ShouldContain(row => row[0] == "agency-bank" && row[1] == "7");
        consumers.ShouldNotContain(row => row[0] == "agency-tax" && row[1] == "7");
    }

    [RabbitMqFact]
    public async Task Classic_queues_when_asked()
    {
        var vhost = await node.NewVirtualHostAsync();
        await using var hub = await RunningHub.StartAsync([.. vhost.HubSettings, "Bus:RabbitMq:QueueType=Classic"]);

        var queues = await node.ListAsync(vhost.Name, "list_queues", "name", "type");
        queues.ShouldNotBeEmpty();
        queues.ShouldAllBe(row => row[1] == "classic");
    }

    [RabbitMqFact]
    public async Task Everything_a_delay_queue_took_reaches_its_queue_while_two_processes_declare_both_at_once()
    {
        var vhost = await node.NewVirtualHostAsync();
        await using var first = new BrokerConnection(vhost.Options, "dibao-tests-first");
        await using var second = new BrokerConnection(vhost.Options, "dibao-tests-second");
        using var firstTopology = new BrokerTopology(first, vhost.Options, TimeProvider.System);
        using var secondTopology = new BrokerTopology(second, vhost.Options, TimeProvider.System);

        // As the busy consumers of two processes do at their first bank poll: each declares, then sends at once, and
        // sends again what the broker refused, as a consumer's retry does.
        const int Senders = 8;
        const int Each = 5;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
        {
            var connection = sender % 2 == 0 ? first : second;
            var delayQueue = await (sender % 2 == 0 ? firstTopology : secondTopology).EnsureDelayQueueAsync("agency-tax", TimeSpan.FromMilliseconds(300), CancellationToken.None);
            for (var i = 0; i < Each; i++)
            {
                for (var attempt = 1; ; attempt++)
                {
                    await using var channel = await connection.OpenChannelAsync(confirms: true, CancellationToken.None);
                    try
                    {
                        await channel.BasicPublishAsync(delayQueue, string.Empty, mandatory: true, new BasicProperties { Persistent = true }, "{}"u8.ToArray());
                        break;
                    }
                    catch (PublishException) when (attempt < 10)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
                    }
                }
            }
        }));

        // Beyond the broker's wait for a confirmation that did not come (deploy/rabbitmq/advanced.config), not its default three minutes.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (await vhost.CountAsync("agency-tax") < Senders * Each && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await vhost.CountAsync("agency-tax")).ShouldBe((uint)(Senders * Each), $"every message the delay queue took reached its queue, once ({refused} sends refused and sent again)");
        var queues = (await node.ListAsync(vhost.Name, "list_queues", "name", "type", "arguments")).ToDictionary(row => row[0], row => row[1..]);
        queues["agency-tax"][0].ShouldBe("quorum");
        var delay = queues["agency-tax" + BrokerTopology.DelaySuffix + "300"];
        delay[0].ShouldBe("quorum");
        delay[1].ShouldContain("at-least-once");
    }
}
