namespace Dibao.Verification.Messaging;

/// <summary><c>Bus:Endpoints:&lt;queue&gt;</c>: overrides for one receive endpoint, e.g. <c>Bus:Endpoints:agency-bank:PrefetchCount</c>.</summary>
public sealed class EndpointOptions
{
    /// <summary>Messages the broker hands the endpoint before it acknowledges any; MassTransit's default when unset.</summary>
    public int? PrefetchCount { get; set; }

    /// <summary>Messages the endpoint works on at once, across its consumers; each consumer's own limit still holds within it.</summary>
    public int? ConcurrentMessageLimit { get; set; }
}
