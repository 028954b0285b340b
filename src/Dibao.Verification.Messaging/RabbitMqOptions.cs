namespace Dibao.Verification.Messaging;

/// <summary><c>Bus:RabbitMq</c>: the broker, how the hub's queues are declared and how a failing message is tried again.</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// <c>quorum</c> (replicated, the default) or <c>classic</c>: every queue the hub declares, the <c>_error</c> and delay
    /// queues included. A queue keeps the type it was first declared with: changing it needs the queues deleted.
    /// </summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Quorum;

    /// <summary>
    /// Waits before a message whose consumer still fails after its own retries is delivered again; after the last one it goes
    /// to the queue's <c>_error</c> queue. The waits are kept by the broker's delay queues, not by the process. Unset:
    /// <see cref="DefaultRedeliveryIntervals"/> (a default list here would have configured items appended to it).
    /// </summary>
    public List<TimeSpan>? RedeliveryIntervals { get; set; }

    public static IReadOnlyList<TimeSpan> DefaultRedeliveryIntervals { get; } = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    public IReadOnlyList<TimeSpan> Redeliveries => RedeliveryIntervals ?? DefaultRedeliveryIntervals;

    /// <summary>TLS to the broker (usually port 5671).</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the broker's certificate must carry; <see cref="Host"/> when empty.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>A PKCS#12 (.pfx) client certificate, for brokers that authenticate clients by certificate.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }
}
