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
/// <remarks>
/// The endpoint touches no name outside <c>agency-{code}</c> (see <see cref="AgencyQueue"/>), so an agency host's broker user
/// needs no other: the hub sends its questions to the queue, never publishes them, so the endpoint binds no message-type
/// exchange; and a question that fails for good goes to the <c>_error</c> queue without a <c>Fault</c> published to every
/// subscriber of MassTransit's shared fault exchanges, which would carry the persons asked about to whoever binds there.
/// </remarks>
public abstract class AgencyConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<QueryAgency>
{
    protected AgencyConsumerDefinition(string agency, AgencyOptions options)
    {
        EndpointName = AgencyQueue.Name(agency);
        ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        Endpoint(endpoint => endpoint.ConfigureConsumeTopology = false);
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PublishFaults = false;

        // Configured first, so it wraps the retry: see AgencyInboxFilter.
        var inbox = new AgencyInboxFilter(
            context.GetRequiredService<AgencyAnswerInbox>(),
            context.GetRequiredService<IQueueSendEndpoints>(),
            context.GetRequiredService<BrokerSendTimeout>(),
            context.GetRequiredService<ILogger<AgencyInboxFilter>>());
        endpointConfigurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<QueryAgency>>(inbox));
        endpointConfigurator.UseAgencyMessageRetry();
    }
}
