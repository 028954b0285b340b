using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>Both kinds of agency answer arrive on the hub's one answer queue, <see cref="HubQueues.AgencyAnswers"/>.</summary>
public sealed class AgencyAnswerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public AgencyAnswerConsumerDefinition()
    {
        EndpointName = HubQueues.AgencyAnswers;
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        // A database busy with another writer, or two answers for one household racing: the loser simply runs again.
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Handle<DbUpdateException>();
            r.Intervals(10, 50, 100, 250, 500, 1000, 2000, 5000);
        });
}
