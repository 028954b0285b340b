using Dibao.Verification.Contracts.V1;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Puts an agency's consumer on the queue the hub sends to, <c>agency-{code}</c>, behind the inbox that keeps a
/// question from being asked twice and with the agency retry policy inside it.
/// </summary>
public abstract class AgencyConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<QueryAgency>
{
    protected AgencyConsumerDefinition(string agency, AgencyOptions options)
    {
        EndpointName = AgencyQueue.Name(agency);
        ConcurrentMessageLimit = options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Configured first, so it wraps the retry: see AgencyInboxFilter.
        var inbox = new AgencyInboxFilter(
            context.GetRequiredService<AgencyAnswerInbox>(),
            context.GetRequiredService<IQueueSendEndpoints>(),
            context.GetRequiredService<ILogger<AgencyInboxFilter>>());
        endpointConfigurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<QueryAgency>>(inbox));
        endpointConfigurator.UseAgencyMessageRetry();
    }
}
