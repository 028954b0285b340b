using Dibao.Verification.Contracts.V1;
using MassTransit;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>Where an adapter's answers go: sent to the hub, which alone consumes them, never published.</summary>
public static class AgencyAnswers
{
    public static Uri HubQueue { get; } = new($"queue:{HubQueues.AgencyAnswers}");

    /// <summary>The address the question asks to be answered at, if it names one, otherwise the hub's queue.</summary>
    public static Uri DestinationFor(ConsumeContext context) => context.ResponseAddress ?? HubQueue;

    /// <summary>
    /// The endpoint for an answer about <paramref name="source"/> to <paramref name="destination"/>: the hub's queue through
    /// the agency's own <see cref="AgencyQueue.AnswerExchange"/>, any other address as it is.
    /// </summary>
    public static Task<ISendEndpoint> EndpointAsync(IQueueSendEndpoints endpoints, ISendEndpointProvider provider, Uri destination, string source) =>
        destination == HubQueue
            ? endpoints.GetSendEndpoint(provider, destination, AgencyQueue.AnswerExchange(AgencyQueue.AgencyOf(source)))
            : endpoints.GetSendEndpoint(provider, destination);
}
