using MassTransit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>Puts an agency's consumer on the queue the hub sends to, <c>agency-{code}</c>, with the agency retry policy.</summary>
public abstract class AgencyConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected AgencyConsumerDefinition(string agency, AgencyOptions options)
    {
        EndpointName = AgencyQueue.Name(agency);
        ConcurrentMessageLimit = options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseAgencyMessageRetry();
}
