using MassTransit;

namespace Dibao.Verification.Messaging;

/// <summary>Addresses as they are: right for the in-memory bus, and the default wherever no transport says otherwise.</summary>
public sealed class ShortAddressSendEndpoints : IQueueSendEndpoints
{
    public Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address) => provider.GetSendEndpoint(address);

    public Task<ISendEndpoint> GetSendEndpoint(ISendEndpointProvider provider, Uri address, string exchange) => provider.GetSendEndpoint(address);
}
