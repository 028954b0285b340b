using Dibao.Verification.Host.Tests.EndToEnd;

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
}
