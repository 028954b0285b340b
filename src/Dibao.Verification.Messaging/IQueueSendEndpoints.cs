using MassTransit;

namespace Dibao.Verification.Messaging;

/// <summary>
/// How this process reaches a queue it sends to by its short address (<c>queue:hub-agency-findings</c>). The transport
/// decides: the in-memory bus takes the address as it is; RabbitMQ declares the queue with its configured type first and
/// sends through the queue's exchange, since MassTransit would declare the queue without its type and the broker refuses
/// a quorum queue declared so.
/// </summary>
public interface IQueueSendEndpoints
{
    Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address);
}
