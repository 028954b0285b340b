using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>
/// Members' declared amounts as a hub before they were encrypted stored them, in decimal columns, through the upgrade
/// and the start-up pass after it, on a real SQLite file (on PostgreSQL: <see cref="PostgresPersonalDataTests"/>).
/// </summary>
public sealed class DeclaredAmountsUpgradeTests : IAsyncLifetime
{
    /// <summary>The last migration before the amounts were encrypted.</summary>
    private const string Before = "RollEntrySupersededBy";

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-declared-").FullName;

    [Fact]
    public async Task Amounts_stored_before_the_upgrade_are_encrypted_at_the_next_start_and_read_back_the_same()
    {
        await using var services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
        await ShouldEncryptAmountsStoredAsDecimalsAsync(services);
    }

    internal static async Task ShouldEncryptAmountsStoredAsDecimalsAsync(ServiceProvider services)
    {
        await HubDatabase.MigrateAsync(services);
        await HubDatabase.InScopeAsync(services, SeedAsync);
        await HubDatabase.MigrateToAsync(services, Before);
        (await HubDatabase.InScopeAsync(services, db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Members\" SET \"DeclaredMonthlyIncome\" = 1234.50, \"DeclaredFinancialAssets\" = 98765.40 WHERE \"Ordinal\" = 0"))).ShouldBe(1);

        await HubDatabase.MigrateAsync(services);
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PersonalDataReencryption>().RunAsync(CancellationToken.None))
                .ShouldBe(1, "only the declaring member's row was left in plaintext");
        }

        string[] columns =
        [
            "SELECT \"DeclaredMonthlyIncome\" AS \"Value\" FROM \"Members\" ORDER BY \"Ordinal\"",
            "SELECT \"DeclaredFinancialAssets\" AS \"Value\" FROM \"Members\" ORDER BY \"Ordinal\"",
        ];
        foreach (var column in columns)
        {
            var stored = await HubDatabase.InScopeAsync(services, db => db.Database.SqlQueryRaw<string?>(column).ToListAsync());
            stored[0].ShouldStartWith("enc:1:", customMessage: column);
            stored[1].ShouldBeNull($"{column}: nothing declared stays nothing");
        }

        var read = await HubDatabase.InScopeAsync(services, db =>
            db.Members.AsNoTracking().OrderBy(m => m.Ordinal).Select(m => new { m.DeclaredMonthlyIncome, m.DeclaredFinancialAssets }).ToListAsync());
        read[0].DeclaredMonthlyIncome.ShouldBe(1234.50m);
        read[0].DeclaredFinancialAssets.ShouldBe(98765.40m);
        read[1].DeclaredMonthlyIncome.ShouldBeNull();
        read[1].DeclaredFinancialAssets.ShouldBeNull();
    }

    /// <summary>A household of two, neither declaring: the amounts are set by SQL once the columns are decimals again.</summary>
    private static Task<int> SeedAsync(HubDbContext db)
    {
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220102001", Purpose = "dibao-application", PolicyName = "reference", AsOf = new DateOnly(2026, 11, 15) };
        var household = new Household { Id = Guid.CreateVersion7(), Ref = "H-1" };
        var round = new VerificationRound { Id = Guid.CreateVersion7(), HouseholdId = household.Id, BatchId = batch.Id, Number = 1, Cause = RoundCauses.Submission, StartedAtUtc = DateTime.UtcNow };
        household.StartRound(round.Id, round.Number);
        batch.Households.Add(household);
        db.Batches.Add(batch);
        db.Rounds.Add(round);
        db.Members.AddRange(
            Member(household, round, 0, "220105198003150011", "王建国", "self"),
            Member(household, round, 1, "22010519820611002X", "李秀英", "spouse"));
        return db.SaveChangesAsync();
    }

    private static Member Member(Household household, VerificationRound round, int ordinal, string idNumber, string name, string relation) => new()
    {
        Id = Guid.CreateVersion7(), HouseholdId = household.Id, RoundId = round.Id, Ordinal = ordinal,
        IdNumber = idNumber, IdHash = TestPersonalData.Hash(idNumber), Name = name, Relation = relation,
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
