using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// A duplicate of a question never loses it: it waits for the delivery handling the question, and asks the agency itself
/// when that delivery fails for good (as one does whose channel the broker dropped mid-send, while the broker delivers the
/// question again).
/// </summary>
public sealed class AgencyInboxFilterTests
{
    private const string Agency = "held";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_duplicate_waiting_on_a_delivery_that_fails_asks_the_agency_itself()
    {
        var agency = new HeldAgency();
        var log = new LogRecorder();
        await using var provider = Build(agency, log);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var endpoint = await harness.Bus.GetSendEndpoint(new Uri($"queue:{AgencyQueue.Name(Agency)}"));
        var question = new QueryAgency(Guid.NewGuid(), Agency, new DateOnly(2026, 11, 1), new DateOnly(2026, 5, 1), new DateOnly(2026, 10, 1), [new PersonToCheck(TestIds.Make(1), "测试人")]);
        var messageId = Guid.NewGuid();

        try
        {
            await endpoint.Send(question, context => context.MessageId = messageId);
            await agency.FirstAsked.Task.WaitAsync(Patience);
            await endpoint.Send(question, context => context.MessageId = messageId);
            await log.WaitForAsync("while an earlier delivery is handling it", Patience);
        }
        finally
        {
            agency.ReleaseFirst.TrySetResult();
        }

        using var patience = new CancellationTokenSource(Patience);
        (await harness.Sent.Any<AgencyFindingsReported>(m => m.Context.Message.QueryId == question.QueryId, patience.Token)).ShouldBeTrue();
        Volatile.Read(ref agency.Asked).ShouldBe(2);
    }

    private static ServiceProvider Build(HeldAgency agency, LogRecorder log)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(log));
        services.AddSingleton(agency);
        services.AddMassTransitTestHarness(bus => bus.AddAgencyConsumer<HeldConsumer, HeldConsumerDefinition>(new ConfigurationBuilder().Build()));
        services.AddOptions<TestHarnessOptions>().Configure(o => (o.TestTimeout, o.TestInactivityTimeout) = (Patience, Patience));
        return services.BuildServiceProvider();
    }

    /// <summary>An agency whose first question is held until the test lets it go, and then fails for good.</summary>
    internal sealed class HeldAgency
    {
        public int Asked;

        public TaskCompletionSource FirstAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseFirst { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal sealed class HeldConsumer(HeldAgency agency, AgencyAnswerInbox inbox, TimeProvider time) : IConsumer<QueryAgency>
    {
        public async Task Consume(ConsumeContext<QueryAgency> context)
        {
            if (Interlocked.Increment(ref agency.Asked) == 1)
            {
                agency.FirstAsked.SetResult();
                await agency.ReleaseFirst.Task;

                // Not retried by the agency retry policy: the delivery fails at once, as one whose retries are spent.
                throw new AgencyRejectedException(QueryRefusalCodes.UnaskableQuestion, "The first delivery failed.");
            }

            await inbox.SendAsync(context, AnswerRoute.For(context), new AgencyFindingsReported(context.Message.QueryId, Agency, time.GetUtcNow(), 1, []));
        }
    }

    internal sealed class HeldConsumerDefinition() : AgencyConsumerDefinition<HeldConsumer>(Agency, new AgencyOptions());
}
