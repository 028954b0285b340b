using System.Diagnostics.Metrics;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Messaging;
using Dibao.Verification.Messaging.RabbitMq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>The refresh loop of the error-queue counts alone, with no broker: this process consumes no queue, so there is nothing to count.</summary>
public sealed class ErrorQueueRefreshTests
{
    [Fact]
    public async Task The_refresh_takes_a_cancellation_the_host_did_not_ask_for_as_a_failed_count_and_counts_again()
    {
        // Nothing to count, so the cancellation is met in the wait that ends each refresh, inside the same catch as the counts.
        var clock = new TimersOnDemand(refuseFirst: true);
        await using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var broker = new BrokerConnection(new RabbitMqOptions(), "tests");
        using var refresh = new ErrorQueues(broker, new ReceiveQueues(), metrics.GetRequiredService<IMeterFactory>(), clock, NullLogger<ErrorQueues>.Instance);

        await refresh.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (clock.Asked < 3 && !refresh.ExecuteTask!.IsCompleted && DateTime.UtcNow < deadline)
            {
                clock.Fire();
                await Task.Delay(50);
            }

            refresh.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the process");
            clock.Asked.ShouldBeGreaterThanOrEqualTo(3, "the refused wait, the back-off after it, and the next refresh's wait");
        }
        finally
        {
            await refresh.StopAsync(CancellationToken.None);
        }
    }
}
