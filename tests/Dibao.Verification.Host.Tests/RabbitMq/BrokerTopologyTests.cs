using Dibao.Verification.Messaging.RabbitMq;

namespace Dibao.Verification.Host.Tests.RabbitMq;

public sealed class BrokerTopologyTests
{
    [Theory]
    [InlineData(0.2, 200)]
    [InlineData(0.19997, 200)]
    [InlineData(0.001, 100)]
    [InlineData(9.95, 10_000)]
    [InlineData(10.2, 11_000)]
    [InlineData(299.9999, 300_000)]
    public void A_delay_is_rounded_up_so_a_few_delay_queues_serve_every_wait(double seconds, long milliseconds) =>
        BrokerTopology.Round(TimeSpan.FromSeconds(seconds)).TotalMilliseconds.ShouldBe(milliseconds);
}
