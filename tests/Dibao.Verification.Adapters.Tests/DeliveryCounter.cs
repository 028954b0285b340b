using MassTransit;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// Completes once the bus has finished with a number of deliveries of one message id, whether a consumer took them
/// or a filter let them go: the harness's Consumed list sees only the former, and a dropped duplicate is the latter.
/// </summary>
internal sealed class DeliveryCounter(Guid messageId, int count) : IReceiveObserver
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finished;

    public Task Done => _done.Task;

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        if (context.TransportHeaders.TryGetHeader(MessageHeaders.MessageId, out var id)
            && Guid.TryParse(id?.ToString(), out var received)
            && received == messageId
            && Interlocked.Increment(ref _finished) >= count)
        {
            _done.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => PostReceive(context);
}
