namespace Dibao.Verification.Messaging;

public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary><c>InMemory</c> (embedded default) or <c>RabbitMq</c>.</summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// How long a send waits for the broker to take the message before it counts as failed and is tried again. RabbitMQ.Client
    /// 7.2 can wait for ever for the confirmation of a message published as the broker drops the connection
    /// (rabbitmq-dotnet-client#1930), and a send that never ends holds its consumer, or the outbox, with it.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per receive endpoint, by queue name.</summary>
    public Dictionary<string, EndpointOptions> Endpoints { get; set; } = new(StringComparer.Ordinal);
}
