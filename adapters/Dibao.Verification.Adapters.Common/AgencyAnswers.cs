using Dibao.Verification.Contracts.V1;
using MassTransit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>Where an adapter's answers go: sent to the hub, which alone consumes them, never published.</summary>
public static class AgencyAnswers
{
    public static Uri HubQueue { get; } = new($"queue:{HubQueues.AgencyAnswers}");

    /// <summary>The address the question asks to be answered at, if it names one, otherwise the hub's queue.</summary>
    public static Uri DestinationFor(ConsumeContext context) => context.ResponseAddress ?? HubQueue;
}
