using Dibao.Verification.Messaging;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Messaging.RabbitMq;
using RabbitMQ.Client;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>One test's virtual host on the private node: the hub's settings for it, and a look at its queues.</summary>
public sealed record BrokerVirtualHost(int Port, string Name)
{
    /// <summary>As <c>Section:Key=value</c> for <see cref="EndToEnd.RunningHub"/>, or with <c>--</c> for a command line.</summary>
    public string[] HubSettings =>
    [
        "Bus:Transport=RabbitMq",
        "Bus:RabbitMq:Host=127.0.0.1",
        $"Bus:RabbitMq:Port={Port}",
        $"Bus:RabbitMq:VirtualHost={Name}",
    ];

    public RabbitMqOptions Options => new() { Host = "127.0.0.1", Port = (ushort)Port, VirtualHost = Name };

    public async Task<uint> CountAsync(string queue)
    {
        await using var broker = new BrokerConnection(Options, "dibao-tests");
        await using var channel = await broker.OpenChannelAsync(confirms: false, CancellationToken.None);
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Takes the first message of <paramref name="queue"/> off it, or null when it is empty.</summary>
    public async Task<BasicGetResult?> TakeAsync(string queue)
    {
        await using var broker = new BrokerConnection(Options, "dibao-tests");
        await using var channel = await broker.OpenChannelAsync(confirms: false, CancellationToken.None);
        return await channel.BasicGetAsync(queue, autoAck: true);
    }
}
