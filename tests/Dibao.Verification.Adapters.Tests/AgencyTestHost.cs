using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
            [$"{section}:AttemptTimeout"] = "00:00:05",
        };
    }

    protected WireMockServer Server { get; } = WireMockServer.Start();

    protected IServiceProvider Services => _provider ??= Build();

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
        where TQuery : AgencyQuery
    {
        var query = Services.GetRequiredService<TQuery>();
        using var attempts = AttemptCounter.Start();
        var findings = await query.FindAsync(Question(_agency, idNumbers).Persons, AsOf, CancellationToken.None);
        return (findings, attempts.Count);
    }

    /// <summary>Sends the question to the agency's queue and returns the report published for it.</summary>
    protected async Task<AgencyFindingsReported> AskOverBusAsync(QueryAgency question)
    {
        var harness = await SendAsync(question);
        (await harness.Published.Any<AgencyFindingsReported>(m => m.Context.Message.QueryId == question.QueryId)).ShouldBeTrue();
        return harness.Published.Select<AgencyFindingsReported>().Select(m => m.Context.Message).Single(m => m.QueryId == question.QueryId);
    }

    /// <summary>Sends the question to the agency's queue and returns the fault published for it.</summary>
    protected async Task<Fault<QueryAgency>> AskOverBusExpectingFaultAsync(QueryAgency question)
    {
        var harness = await SendAsync(question);
        (await harness.Published.Any<Fault<QueryAgency>>(m => m.Context.Message.Message.QueryId == question.QueryId)).ShouldBeTrue();
        (await harness.Published.Any<AgencyFindingsReported>()).ShouldBeFalse();
        return harness.Published.Select<Fault<QueryAgency>>().Select(m => m.Context.Message).Single(m => m.Message.QueryId == question.QueryId);
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

    private async Task<ITestHarness> SendAsync(QueryAgency question)
    {
        var harness = Services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var endpoint = await harness.Bus.GetSendEndpoint(new Uri($"queue:{AgencyQueue.Name(_agency)}"));
        await endpoint.Send(question);
        return harness;
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMassTransitTestHarness(bus => _addAdapter(bus, configuration));
        return services.BuildServiceProvider(validateScopes: true);
    }
}
