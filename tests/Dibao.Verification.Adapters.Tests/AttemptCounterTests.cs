using Dibao.Verification.Adapters.Common;

namespace Dibao.Verification.Adapters.Tests;

public sealed class AttemptCounterTests
{
    [Fact]
    public async Task Attempts_are_counted_in_the_innermost_open_scope_across_awaits_and_parallel_work()
    {
        using var outer = AttemptCounter.Start();
        AttemptCounter.Record();

        using (var inner = AttemptCounter.Start())
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(AttemptCounter.Record)));
            inner.Count.ShouldBe(50);
        }

        AttemptCounter.Record();
        outer.Count.ShouldBe(2);
    }
}
