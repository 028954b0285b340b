using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>
/// The deadline sweep and an agency's answer for the same member at the same moment, on a real SQLite file with
/// separate connections: whichever wins, the answer is never lost (stored, or kept as late evidence).
/// </summary>
public sealed class AnswerAndSweepRaceTests : IAsyncLifetime
{
    private const int Rounds = 60;
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-race-").FullName;
    private readonly ServiceProvider _services;

    public AnswerAndSweepRaceTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, "hub.db")}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TestPersonalData.Protector);
        services.AddHubPersistence(configuration);
        services.AddSingleton<EvaluationQueue>();
        services.AddScoped<AgencyAnswerRecorder>();
        services.AddScoped<Host.Recomparison.ChunkAnswers>();
        services.AddSingleton<Host.Recomparison.RecomparisonWake>();
        services.AddSingleton<HeldMessagesSignal>();
        services.AddTestAudit();
        services.AddSingleton(Options.Create(new VerificationOptions()));
        services.AddSingleton(sp => new DeadlineSweeper(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<VerificationOptions>>(),
            sp.GetRequiredService<EvaluationQueue>(),
            TimeProvider.System,
            NullLogger<DeadlineSweeper>.Instance));
        _services = services.BuildServiceProvider();
    }

    /// <param name="withRecords">Answers with records are written one by one; answers of no records, the most, all at once.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_racing_the_deadline_sweep_is_never_lost(bool withRecords)
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.MigrateAsync();
        }

        var sweeper = _services.GetRequiredService<DeadlineSweeper>();
        for (var round = 0; round < Rounds; round++)
        {
            var (queryId, answerId, idNumber) = await SeedOverdueAnswerAsync(round);
            var finding = withRecords
                ? new PersonFinding(idNumber, FindingKind.RecordsFound, null, new PersonFacts { HousingFundAccounts = [new HousingFundAccountFact("HF-1", HousingFundAccountStatus.Normal, "长春某公司", 3000m, 300m, 12000m, new DateOnly(2026, 10, 1), null)] })
                : new PersonFinding(idNumber, FindingKind.NoRecords, null, new PersonFacts());
            var report = new AgencyFindingsReported(queryId, "housing-fund", DateTimeOffset.UtcNow, 1, [finding]);

            using var start = new ManualResetEventSlim();
            var sweep = Task.Run(async () => { start.Wait(); await sweeper.SweepAsync(CancellationToken.None); });
            var answer = Task.Run(async () =>
            {
                start.Wait();
                await using var scope = _services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().FindingsAsync(report, deliveredBy: null, CancellationToken.None);
            });
            start.Set();
            await Task.WhenAll(sweep, answer);

            var stored = await ReadAsync(answerId);
            if (stored.State == AnswerState.Answered)
            {
                stored.Kind.ShouldBe(finding.Kind);
                stored.LateAtUtc.ShouldBeNull();
                if (withRecords)
                {
                    stored.FactsJson.ShouldNotBeNull().ShouldContain("HF-1");
                }
            }
            else
            {
                stored.State.ShouldBe(AnswerState.Unavailable, $"round {round}");
                stored.LateAtUtc.ShouldNotBeNull($"round {round}: the sweep won, and the answer must be kept as late evidence");
                stored.LateKind.ShouldBe(finding.Kind);
                if (withRecords)
                {
                    stored.LateFactsJson.ShouldNotBeNull().ShouldContain("HF-1");
                }
            }
        }
    }

    private async Task<(Guid QueryId, Guid AnswerId, string IdNumber)> SeedOverdueAnswerAsync(int round)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var past = DateTime.UtcNow.AddMinutes(-1);
        var query = new AgencyQuery { Id = Guid.CreateVersion7(), BatchId = Guid.NewGuid(), Agency = "housing-fund", SentAtUtc = past.AddMinutes(-2), DeadlineUtc = past, SweepAtUtc = past };
        var idNumber = $"22010519800315{round:0000}";
        var answer = new AgencyAnswerRecord
        {
            Id = Guid.CreateVersion7(),
            QueryId = query.Id,
            BatchId = query.BatchId,
            HouseholdId = Guid.NewGuid(),
            RoundId = Guid.NewGuid(),
            MemberId = Guid.NewGuid(),
            Source = "housing-fund",
            IdHash = TestPersonalData.Hash(idNumber),
        };
        db.AgencyQueries.Add(query);
        db.AgencyAnswers.Add(answer);
        await db.SaveChangesAsync();
        return (query.Id, answer.Id, idNumber);
    }

    private async Task<AgencyAnswerRecord> ReadAsync(Guid answerId)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers.AsNoTracking().SingleAsync(a => a.Id == answerId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
