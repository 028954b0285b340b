using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.Server;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// One WireMock agency and one container per test: the adapter registered through its public method inside
/// MassTransit's test harness, with delays shrunk so retries take milliseconds.
/// </summary>
public abstract class AgencyTestHost : IAsyncLifetime
{
    protected const string ApiKey = "test-key";

    protected static readonly DateOnly AsOf = new(2026, 11, 1);

    private readonly string _agency;
    private readonly string _section;
    private readonly Action<IBusRegistrationConfigurator, IConfiguration> _addAdapter;
    private readonly Dictionary<string, string?> _settings;
    private ServiceProvider? _provider;

    protected AgencyTestHost(string agency, string section, Action<IBusRegistrationConfigurator, IConfiguration> addAdapter)
    {
        _agency = agency;
        _section = section;
        _addAdapter = addAdapter;
        _settings = new Dictionary<string, string?>
        {
            [$"{section}:BaseUrl"] = Server.Url,
            [$"{section}:ApiKey"] = ApiKey,
            [$"{section}:RetryBaseDelay"] = "00:00:00.010",
            // Generous: on a busy machine a first call (a cold server, JIT) took over five seconds, was timed out and
            // retried, and a test counting requests saw two. Tests of the timeout set their own.
            [$"{section}:AttemptTimeout"] = "00:01:00",
        };
    }

    protected WireMockServer Server { get; } = WireMockServer.Start();

    /// <summary>What the adapter logged.</summary>
    protected LogRecorder Log { get; } = new();

    /// <summary>How long a test waits for an answer it expects: generous, since it is only spent when the test fails.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    protected IServiceProvider Services => _provider ??= Build();

    protected ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>Overrides an <c>Agencies:&lt;Section&gt;</c> setting; only before <see cref="Services"/> is first used.</summary>
    protected void Configure(string key, string? value) => _settings[$"{_section}:{key}"] = value;

    /// <summary>Time between the first two requests the agency received, as the agency saw it.</summary>
    protected TimeSpan PauseBeforeSecondRequest()
    {
        var received = Server.LogEntries.Select(e => e.RequestMessage.DateTime).Order().ToList();
        received.Count.ShouldBeGreaterThanOrEqualTo(2);
        return received[1] - received[0];
    }

    protected static QueryAgency Question(string agency, params string[] idNumbers) => new(
        Guid.NewGuid(),
        agency,
        AsOf,
        new DateOnly(2026, 5, 1),
        new DateOnly(2026, 10, 1),
        idNumbers.Select(id => new PersonToCheck(id, "测试人")).ToList());

    /// <summary>Calls the adapter's query service directly, counting attempts as the consumer does.</summary>
    protected async Task<(IReadOnlyList<PersonFinding> Findings, int Attempts)> FindAsync<TQuery>(params string[] idNumbers)
        where TQuery : AgencyLookup
    {
        var query = Services.GetRequiredService<TQuery>();
        using var attempts = AttemptCounter.Start();
        var findings = await query.FindAsync(Question(_agency, idNumbers).Persons, AsOf, CancellationToken.None);
        return (findings, attempts.Count);
    }

    /// <summary>Sends the question to the agency's queue and returns the report sent to the hub for it.</summary>
    protected async Task<AgencyFindingsReported> AskOverBusAsync(QueryAgency question)
    {
        await SendAsync(question);
        return await AnswerAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId);
    }

    /// <summary>Sends the question to the agency's queue and returns the refusal sent to the hub for it.</summary>
    protected async Task<AgencyQueryRefused> AskOverBusExpectingRefusalAsync(QueryAgency question)
    {
        await SendAsync(question);
        return await AnswerAsync<AgencyQueryRefused>(m => m.QueryId == question.QueryId);
    }

    /// <summary>
    /// Waits for the first answer of type <typeparamref name="T"/> that matches, for as long as <see cref="Patience"/>,
    /// and checks it was sent to the hub's queue. A busy machine may take seconds to get there, so the wait is for the
    /// answer itself, never for the harness to see the bus go quiet.
    /// </summary>
    protected async Task<T> AnswerAsync<T>(Func<T, bool> match)
        where T : class
    {
        var sent = await SentAsync(match);
        sent.Context.DestinationAddress.ShouldNotBeNull().AbsolutePath.ShouldBe($"/{HubQueues.AgencyAnswers}");
        return sent.Context.Message;
    }

    /// <summary>The first <paramref name="count"/> answers of type <typeparamref name="T"/> that match, waiting for them as <see cref="AnswerAsync{T}"/> does.</summary>
    protected async Task<IReadOnlyList<T>> AnswersAsync<T>(Func<T, bool> match, int count)
        where T : class
    {
        var sent = await FirstAsync(Harness.Sent.SelectAsync<T>(m => match(m.Context.Message), CancellationToken.None), count);
        return [.. sent.Select(m => m.Context.Message)];
    }

    /// <summary>A task that completes once the bus has finished with <paramref name="count"/> more deliveries of <paramref name="messageId"/>, consumed or dropped.</summary>
    protected async Task<Task> DeliveriesFinishedAsync(Guid messageId, int count)
    {
        await Harness.Start();
        var counter = new DeliveryCounter(messageId, count);
        Harness.Bus.ConnectReceiveObserver(counter);
        return counter.Done.WaitAsync(Patience);
    }

    /// <summary>Every answer of type <typeparamref name="T"/> sent so far, without waiting for more.</summary>
    protected IReadOnlyList<ISentMessage<T>> SentSoFar<T>()
        where T : class => Harness.Sent.Select<T>(new CancellationToken(canceled: true)).ToList();

    /// <summary>Every message of type <typeparamref name="T"/> published so far, without waiting for more.</summary>
    protected IReadOnlyList<IPublishedMessage<T>> PublishedSoFar<T>()
        where T : class => Harness.Published.Select<T>(new CancellationToken(canceled: true)).ToList();

    /// <summary>Sends <paramref name="question"/> to the agency's queue, as the hub does, with the given message id if any.</summary>
    protected async Task SendAsync(QueryAgency question, Guid? messageId = null)
    {
        var endpoint = await AgencyQueueAsync();
        await endpoint.Send(question, context => context.MessageId = messageId ?? context.MessageId);
    }

    /// <summary>The agency's queue on a started bus, for sending as the hub does.</summary>
    protected async Task<ISendEndpoint> AgencyQueueAsync()
    {
        await Harness.Start();
        return await Harness.Bus.GetSendEndpoint(new Uri($"queue:{AgencyQueue.Name(_agency)}"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        Server.Stop();
        Server.Dispose();
    }

    /// <summary>The first matching message sent, with where it went.</summary>
    protected async Task<ISentMessage<T>> SentAsync<T>(Func<T, bool> match)
        where T : class =>
        (await FirstAsync(Harness.Sent.SelectAsync<T>(m => match(m.Context.Message), CancellationToken.None), 1))[0];

    private static async Task<IReadOnlyList<TElement>> FirstAsync<TElement>(IAsyncEnumerable<TElement> source, int count)
    {
        using var patience = new CancellationTokenSource(Patience);
        var found = new List<TElement>(count);
        try
        {
            await foreach (var element in source.WithCancellation(patience.Token))
            {
                found.Add(element);
                if (found.Count == count)
                {
                    return found;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new ShouldAssertException($"Only {found.Count} of {count} {typeof(TElement).Name} came within {Patience}.");
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Log));
        services.AddMassTransitTestHarness(bus => _addAdapter(bus, configuration));

        // The harness's lists stop waiting when the bus has been quiet for its inactivity timeout (1.2 s by default),
        // which a busy machine exceeds between two polls; tests wait for the message they expect instead.
        services.AddOptions<TestHarnessOptions>().Configure(o => (o.TestTimeout, o.TestInactivityTimeout) = (Patience, Patience));
        return services.BuildServiceProvider(validateScopes: true);
    }
}
