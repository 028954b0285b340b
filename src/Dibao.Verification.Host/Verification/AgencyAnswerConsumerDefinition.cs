using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>Both kinds of agency answer arrive on the hub's one answer queue, <see cref="HubQueues.AgencyAnswers"/>.</summary>
public sealed class AgencyAnswerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public AgencyAnswerConsumerDefinition()
    {
        EndpointName = HubQueues.AgencyAnswers;
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // A report carries the identity numbers and the facts of everyone it answers for: one that fails for good goes to
        // the hub's own error queue, never out as a Fault<> to whoever binds MassTransit's shared fault exchanges.
        endpointConfigurator.PublishFaults = false;

        // Two answers for one household racing, or SQLite still busy with another writer when its timeout ran out (the
        // answers are written by statements, which SQLite's errors reach unwrapped): the loser simply runs again.
        // Anything else is no better for trying again at once, and goes to the error queue.
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Handle<DbUpdateException>();
            r.Handle<SqliteException>(e => e.SqliteErrorCode is SqliteBusy or SqliteLocked);
            r.Intervals(10, 50, 100, 250, 500, 1000, 2000, 5000);
        });
    }
}
