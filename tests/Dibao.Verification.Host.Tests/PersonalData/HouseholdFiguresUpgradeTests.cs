using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>
/// An evaluation's figures a head and a re-comparison's incomes as a hub before they were encrypted stored them, in decimal
/// columns, through the upgrade and the start-up pass after it, on a real SQLite file (on PostgreSQL:
/// <see cref="PostgresPersonalDataTests"/>).
/// </summary>
public sealed class HouseholdFiguresUpgradeTests : IAsyncLifetime
{
    /// <summary>The last migration before the figures were encrypted.</summary>
    private const string Before = "RollIncomeBaseline";

    /// <summary>
    /// The columns the pass of the version before covered, as it recorded them: under the same key, a pass recorded by it
    /// must not spare the figures it never looked at.
    /// </summary>
    private const string ColumnsBefore =
        "Member(IdNumber, Name, DeclaredMonthlyIncome, DeclaredFinancialAssets, IdHash); AgencyAnswerRecord(FactsJson, LateFactsJson); "
        + "RoundEvaluation(ReasonsJson, DeclarationsJson); OutboxMessage(Body); RollMember(IdNumber, Name, IdHash); "
        + "RollHousehold(BaselinePerCapitaMonthlyIncome); Dispute(IdNumber); RecomparisonAnswer(FindingsJson); AgencyAnswerRecord(IdHash); StaffRelative(IdKey)";

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-figures-").FullName;

    [Fact]
    public async Task Figures_stored_before_the_upgrade_are_encrypted_at_the_next_start_and_read_back_the_same()
    {
        await using var services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
        await ShouldEncryptFiguresStoredAsDecimalsAsync(services);
    }

    internal static async Task ShouldEncryptFiguresStoredAsDecimalsAsync(ServiceProvider services)
    {
        await HubDatabase.MigrateAsync(services);
        await HubDatabase.InScopeAsync(services, SeedAsync);
        await HubDatabase.MigrateToAsync(services, Before);
        (await HubDatabase.InScopeAsync(services, db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Evaluations\" SET \"PerCapitaMonthlyIncome\" = 1234.50, \"PerCapitaFinancialAssets\" = 98765.40"))).ShouldBe(1);
        (await HubDatabase.InScopeAsync(services, db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"RecomparisonItems\" SET \"ConfirmedIncome\" = 600.00, \"NewIncome\" = 712.35 WHERE \"Ref\" = 'H-1'"))).ShouldBe(1);

        await HubDatabase.MigrateAsync(services);
        await HubDatabase.InScopeAsync(services, db =>
        {
            db.PersonalDataPasses.Add(new PersonalDataPass
            {
                Id = Guid.CreateVersion7(), KeyRing = TestPersonalData.Protector.Fingerprint, Columns = ColumnsBefore, CompletedAtUtc = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PersonalDataReencryption>().RunAsync(CancellationToken.None))
                .ShouldBe(2, "the evaluation and the compared item were left in plaintext; the item not yet compared has none");
        }

        string[] columns =
        [
            "SELECT \"PerCapitaMonthlyIncome\" AS \"Value\" FROM \"Evaluations\"",
            "SELECT \"PerCapitaFinancialAssets\" AS \"Value\" FROM \"Evaluations\"",
            "SELECT \"ConfirmedIncome\" AS \"Value\" FROM \"RecomparisonItems\" ORDER BY \"Ref\"",
            "SELECT \"NewIncome\" AS \"Value\" FROM \"RecomparisonItems\" ORDER BY \"Ref\"",
        ];
        foreach (var column in columns)
        {
            var stored = await HubDatabase.InScopeAsync(services, db => db.Database.SqlQueryRaw<string?>(column).ToListAsync());
            stored[0].ShouldStartWith("enc:1:", customMessage: column);
            if (stored.Count > 1)
            {
                stored[1].ShouldBeNull($"{column}: a figure not yet known stays unknown");
            }
        }

        var evaluation = await HubDatabase.InScopeAsync(services, db => db.Evaluations.AsNoTracking().SingleAsync());
        (evaluation.PerCapitaMonthlyIncome, evaluation.PerCapitaFinancialAssets).ShouldBe((1234.50m, 98765.40m));
        var items = await HubDatabase.InScopeAsync(services, db =>
            db.RecomparisonItems.AsNoTracking().OrderBy(i => i.Ref).Select(i => new { i.ConfirmedIncome, i.NewIncome }).ToListAsync());
        (items[0].ConfirmedIncome, items[0].NewIncome).ShouldBe((600.00m, 712.35m));
        (items[1].ConfirmedIncome, items[1].NewIncome).ShouldBe((null, null));
    }

    /// <summary>
    /// A household evaluated once, and two items of a run, one to be compared: the figures are set by SQL once the columns are
    /// decimals again.
    /// </summary>
    private static Task<int> SeedAsync(HubDbContext db)
    {
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220102001", Purpose = "dibao-application", PolicyName = "reference", AsOf = new DateOnly(2026, 11, 15) };
        var household = new Household { Id = Guid.CreateVersion7(), Ref = "H-1" };
        var round = new VerificationRound { Id = Guid.CreateVersion7(), HouseholdId = household.Id, BatchId = batch.Id, Number = 1, Cause = RoundCauses.Submission, StartedAtUtc = DateTime.UtcNow };
        household.StartRound(round.Id, round.Number);
        batch.Households.Add(household);
        db.Batches.Add(batch);
        db.Rounds.Add(round);
        db.Evaluations.Add(new RoundEvaluation
        {
            Id = Guid.CreateVersion7(), RoundId = round.Id, HouseholdId = household.Id, BatchId = batch.Id, RoundNumber = 1,
            ReasonsJson = "[]", PolicyName = "reference", PolicyHash = new string('0', 64), EvaluatedAtUtc = DateTime.UtcNow,
        });
        var run = new RecomparisonRun { Id = Guid.CreateVersion7(), Jurisdiction = "2201", RequestedBy = "city-01", AsOf = new DateOnly(2026, 11, 15) };
        db.RecomparisonRuns.Add(run);
        db.RecomparisonItems.AddRange(
            new RecomparisonItem { Id = Guid.CreateVersion7(), RunId = run.Id, RollHouseholdId = Guid.CreateVersion7(), Township = "220102001", Ref = "H-1", HouseholdId = household.Id },
            new RecomparisonItem { Id = Guid.CreateVersion7(), RunId = run.Id, RollHouseholdId = Guid.CreateVersion7(), Township = "220102001", Ref = "H-2", HouseholdId = Guid.CreateVersion7() });
        return db.SaveChangesAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
