namespace Dibao.Verification.Messaging;

public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary><c>InMemory</c> (embedded default) or <c>RabbitMq</c>.</summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Per receive endpoint, by queue name.</summary>
    public Dictionary<string, EndpointOptions> Endpoints { get; set; } = new(StringComparer.Ordinal);
}
