using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

public sealed class AgencyFindingsReportedConsumerDefinition : ConsumerDefinition<AgencyFindingsReportedConsumer>
{
    public const string QueueName = "hub-agency-findings";

    public AgencyFindingsReportedConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AgencyFindingsReportedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Two answers for one household racing each other: the loser's transaction is rolled back and simply runs again.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<DbUpdateConcurrencyException>();
            r.Handle<DbUpdateException>();
            r.Intervals(10, 50, 100, 250, 500, 1000, 2000, 5000);
        });
    }
}
