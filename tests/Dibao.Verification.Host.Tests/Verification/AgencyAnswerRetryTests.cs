using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Verification;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>
/// The hub's answer queue tries an answer again when the database was busy or two answers raced, and sends anything else
/// to the error queue at once: on the in-memory bus, the embedded default, nothing else would try again.
/// </summary>
public sealed class AgencyAnswerRetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task A_database_busy_or_locked_is_tried_again_and_the_answer_is_taken(int sqliteError)
    {
        var consumer = new FailingFirst(new SqliteException("database is busy", sqliteError));
        await using var provider = Harness(consumer);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(Report());

        (await consumer.Taken.Task.WaitAsync(Patience)).ShouldBe(2, "taken on the second try");
    }

    [Fact]
    public async Task Anything_else_goes_to_the_error_queue_without_another_try_and_publishes_no_fault_carrying_the_report()
    {
        var consumer = new FailingFirst(new InvalidDataException("The report carries no findings."));
        var errorQueue = new ErrorQueue();
        // Quiet for this long after the report reached the error queue, the bus has published all it will about it: a fault
        // is published before the message is moved.
        await using var provider = Harness(consumer, errorQueue, quiet: TimeSpan.FromSeconds(5));
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(Report());

        await errorQueue.Received.Task.WaitAsync(Patience);
        consumer.Tries.ShouldBe(1);
        (await harness.Published.Any<Fault<AgencyFindingsReported>>()).ShouldBeFalse();
    }

    private static ServiceProvider Harness(FailingFirst consumer, ErrorQueue? errorQueue = null, TimeSpan? quiet = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(consumer);
        services.AddSingleton(errorQueue ?? new ErrorQueue());
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddConsumer<FailingFirstConsumer, AgencyAnswerConsumerDefinition<FailingFirstConsumer>>();
            // Bound to no exchange: it receives only what is moved to the error queue, never the published report itself.
            bus.AddConsumer<ErrorQueueConsumer>().Endpoint(e =>
            {
                e.Name = HubQueues.AgencyAnswers + "_error";
                e.ConfigureConsumeTopology = false;
            });
        });
        // The harness's lists stop waiting once the bus has been quiet for a while, which a busy machine exceeds.
        services.AddOptions<TestHarnessOptions>().Configure(o => (o.TestTimeout, o.TestInactivityTimeout) = (Patience, quiet ?? Patience));
        return services.BuildServiceProvider();
    }

    private static AgencyFindingsReported Report() => new(Guid.CreateVersion7(), "tax", DateTimeOffset.UtcNow, 1, []);

    /// <summary>Throws the given exception the first time, then takes the answer.</summary>
    public sealed class FailingFirst(Exception first)
    {
        private int _tries;

        public int Tries => _tries;

        public TaskCompletionSource<int> Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Consume()
        {
            var tries = Interlocked.Increment(ref _tries);
            if (tries == 1)
            {
                throw first;
            }

            Taken.TrySetResult(tries);
        }
    }

    public sealed class FailingFirstConsumer(FailingFirst behaviour) : IConsumer<AgencyFindingsReported>
    {
        public Task Consume(ConsumeContext<AgencyFindingsReported> context)
        {
            behaviour.Consume();
            return Task.CompletedTask;
        }
    }

    /// <summary>What reached the answer queue's error queue.</summary>
    public sealed class ErrorQueue
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class ErrorQueueConsumer(ErrorQueue errorQueue) : IConsumer<AgencyFindingsReported>
    {
        public Task Consume(ConsumeContext<AgencyFindingsReported> context)
        {
            errorQueue.Received.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
