using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>Gives every consumer the delay-queue scheduler, as <c>UseDelayedMessageScheduler</c> does on the in-memory bus.</summary>
public sealed class DelayQueueSchedulerFilter(BrokerTopology topology, TimeProvider clock) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayQueueScheduler");

    private MessageScheduler CreateScheduler(ConsumeContext context) =>
        new(new DelayQueueScheduleMessageProvider(context, topology, clock), context.GetPayload<IBusTopology>());
}
