using MassTransit;
using MassTransit.Configuration;

namespace Dibao.Verification.Messaging.RabbitMq;

public sealed class DelayQueueSchedulerSpecification(BrokerTopology topology, TimeProvider clock) : IPipeSpecification<ConsumeContext>
{
    public void Apply(IPipeBuilder<ConsumeContext> builder) => builder.AddFilter(new DelayQueueSchedulerFilter(topology, clock));

    public IEnumerable<ValidationResult> Validate() => [];
}
