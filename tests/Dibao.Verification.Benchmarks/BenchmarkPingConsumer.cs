using MassTransit;

namespace Dibao.Verification.Benchmarks;

public sealed class BenchmarkPingConsumer(CountdownSignal received) : IConsumer<BenchmarkPing>
{
    public Task Consume(ConsumeContext<BenchmarkPing> context)
    {
        received.Signal();
        return Task.CompletedTask;
    }
}
