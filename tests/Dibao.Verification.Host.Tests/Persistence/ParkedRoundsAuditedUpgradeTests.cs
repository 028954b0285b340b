using Dibao.Verification.Host.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>
/// The upgrade that lets a household remember which round's answers are in the audit trail: a settled household's round
/// was recorded when it settled; a parked or unsettled one's is still to be recorded. On a real SQLite file.
/// </summary>
public sealed class ParkedRoundsAuditedUpgradeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-upgrade-").FullName;
    private readonly ServiceProvider _services;

    public ParkedRoundsAuditedUpgradeTests() =>
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");

    [Fact]
    public async Task Only_settled_households_count_their_current_round_as_audited()
    {
        await HubDatabase.MigrateAsync(_services);
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220102001", Purpose = "dibao-application", PolicyName = "reference", AsOf = new DateOnly(2026, 11, 15) };
        var settled = Household("settled", round: 2);
        settled.Settled(Guid.CreateVersion7(), DateTime.UtcNow);
        var parked = Household("parked", round: 1);
        parked.Parked("InvalidDataException: broken", DateTime.UtcNow);
        var awaiting = Household("awaiting", round: 1);
        batch.Households.AddRange([settled, parked, awaiting]);
        await HubDatabase.InScopeAsync(_services, db =>
        {
            db.Batches.Add(batch);
            return db.SaveChangesAsync();
        });

        // Down to the version before, when no household said which round was audited, and up again.
        await HubDatabase.UpgradeThroughAsync(_services, "ParkedRoundsAudited");

        var audited = await HubDatabase.InScopeAsync(_services, db => db.Households.AsNoTracking().ToDictionaryAsync(h => h.Ref, h => h.AuditedRound));
        audited["settled"].ShouldBe(2, "recorded when it settled");
        audited["parked"].ShouldBeNull("parked before the upgrade, unrecorded: it is recorded when it is parked again after the restart");
        audited["awaiting"].ShouldBeNull();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Household Household(string reference, int round)
    {
        var household = new Household { Id = Guid.CreateVersion7(), Ref = reference };
        household.StartRound(Guid.CreateVersion7(), round);
        return household;
    }
}
