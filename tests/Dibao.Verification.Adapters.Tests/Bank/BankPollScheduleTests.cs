using Dibao.Verification.Adapters.Bank;
using Shouldly;

namespace Dibao.Verification.Adapters.Tests.Bank;

public sealed class BankPollScheduleTests
{
    private static readonly BankOptions Options = new() { PollInterval = TimeSpan.FromMilliseconds(200), MaxPollInterval = TimeSpan.FromMinutes(5) };

    [Fact]
    public void A_bank_estimating_no_time_is_looked_at_at_once()
    {
        Options.FirstPoll(0).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void After_a_look_at_once_the_waits_start_at_the_poll_interval_and_double()
    {
        var second = Options.NextPoll(Options.FirstPoll(0));

        second.ShouldBe(TimeSpan.FromMilliseconds(200));
        Options.NextPoll(second).ShouldBe(TimeSpan.FromMilliseconds(400));
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData(-1.0, 200)]
    [InlineData(0.05, 200)]
    [InlineData(5.0, 5000)]
    [InlineData(3600.0, 300_000)]
    [InlineData(100_000.0, 200)]
    public void The_first_wait_is_the_banks_estimate_within_the_poll_bounds(double? estimatedSeconds, int milliseconds)
    {
        Options.FirstPoll(estimatedSeconds).ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }
}
