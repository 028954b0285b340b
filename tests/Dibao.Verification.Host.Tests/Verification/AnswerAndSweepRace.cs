using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>
/// The deadline sweep and an agency's answer for the same member at the same moment, with separate connections, many
/// times: whichever wins, the answer is never lost (stored, or kept as late evidence).
/// </summary>
public static class AnswerAndSweepRace
{
    private const int Rounds = 60;

    /// <summary>The answer recorder and the deadline sweep, as the hub registers them, on the given database.</summary>
    public static ServiceProvider Services(string provider, string connectionString) =>
        HubDatabase.Services(provider, connectionString, (services, configuration) =>
        {
            AnswerRecorderServices.Register(services);
            services.AddSingleton(Options.Create(new VerificationOptions()));
            services.AddSingleton(sp => new DeadlineSweeper(
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<IOptions<VerificationOptions>>(),
                sp.GetRequiredService<EvaluationQueue>(),
                TimeProvider.System,
                NullLogger<DeadlineSweeper>.Instance));
        });

    /// <param name="withRecords">An answer with records, or of no records: the hub may store the two differently.</param>
    public static async Task RunAsync(ServiceProvider services, bool withRecords)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.MigrateAsync();
        }

        var sweeper = services.GetRequiredService<DeadlineSweeper>();
        for (var round = 0; round < Rounds; round++)
        {
            var (queryId, answerId, idNumber) = await SeedOverdueAnswerAsync(services, round);
            var finding = withRecords
                ? new PersonFinding(idNumber, FindingKind.RecordsFound, null, new PersonFacts { HousingFundAccounts = [new HousingFundAccountFact("HF-1", HousingFundAccountStatus.Normal, "长春某公司", 3000m, 300m, 12000m, new DateOnly(2026, 10, 1), null)] })
                : new PersonFinding(idNumber, FindingKind.NoRecords, null, new PersonFacts());
            var report = new AgencyFindingsReported(queryId, "housing-fund", DateTimeOffset.UtcNow, 1, [finding]);

            using var start = new ManualResetEventSlim();
            var sweep = Task.Run(async () => { start.Wait(); await sweeper.SweepAsync(CancellationToken.None); });
            var answer = Task.Run(async () =>
            {
                start.Wait();
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().FindingsAsync(report, deliveredBy: null, CancellationToken.None);
            });
            start.Set();
            await Task.WhenAll(sweep, answer);

            var stored = await ReadAsync(services, answerId);
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


    private static async Task<(Guid QueryId, Guid AnswerId, string IdNumber)> SeedOverdueAnswerAsync(ServiceProvider services, int round)
    {
        await using var scope = services.CreateAsyncScope();
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

    private static async Task<AgencyAnswerRecord> ReadAsync(ServiceProvider services, Guid answerId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers.AsNoTracking().SingleAsync(a => a.Id == answerId);
    }
}
