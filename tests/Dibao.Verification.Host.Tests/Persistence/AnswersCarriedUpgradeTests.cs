using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>
/// The upgrade to rounds audited as they settle: before it, each answer was audited as it came. An answer already
/// settled in a round not yet settled is marked, so the round's settling does not record it again; on a real SQLite file.
/// </summary>
public sealed class AnswersCarriedUpgradeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-upgrade-").FullName;
    private readonly ServiceProvider _services;

    public AnswersCarriedUpgradeTests() =>
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");

    [Fact]
    public async Task Answers_settled_before_the_upgrade_in_a_round_still_open_are_not_audited_again_when_it_settles()
    {
        await HubDatabase.MigrateAsync(_services);
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220105001", Purpose = "test", AsOf = new DateOnly(2026, 11, 15), PolicyName = "test", SubmittedAtUtc = DateTime.UtcNow };
        var open = Household(batch, 0);
        var settled = Household(batch, 1);
        settled.Settled(Guid.CreateVersion7(), DateTime.UtcNow);
        var answers = new[]
        {
            Answer(open, "tax", AnswerState.Answered),
            Answer(open, "vehicle", AnswerState.Awaited),
            Answer(settled, "tax", AnswerState.Answered),
        };
        await HubDatabase.InScopeAsync(_services, async db =>
        {
            db.Batches.Add(batch);
            db.Households.AddRange(open, settled);
            db.AgencyAnswers.AddRange(answers);
            return await db.SaveChangesAsync();
        });

        // Down to the version before, which drops the mark, and up again.
        await HubDatabase.UpgradeThroughAsync(_services, "AnswersCarried");

        var carried = await HubDatabase.InScopeAsync(_services, db => db.AgencyAnswers.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Carried));
        carried[answers[0].Id].ShouldBeTrue("answered before the upgrade, in a round still open: audited as it came");
        carried[answers[1].Id].ShouldBeFalse("still awaited: audited when its round settles");
        carried[answers[2].Id].ShouldBeFalse("its round settled before the upgrade and will not settle again");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Household Household(Batch batch, int ordinal)
    {
        var household = new Household { Id = Guid.CreateVersion7(), BatchId = batch.Id, Ordinal = ordinal, Ref = $"H-{ordinal}" };
        household.Consented($"C-{ordinal}", batch.AsOf);
        household.StartRound(Guid.CreateVersion7(), 1);
        return household;
    }

    private static AgencyAnswerRecord Answer(Household household, string source, AnswerState state) => new()
    {
        Id = Guid.CreateVersion7(),
        QueryId = Guid.CreateVersion7(),
        BatchId = household.BatchId,
        HouseholdId = household.Id,
        RoundId = household.CurrentRoundId,
        MemberId = Guid.CreateVersion7(),
        Source = source,
        IdHash = $"hash-{household.Ordinal}",
        State = state,
        Kind = state == AnswerState.Answered ? FindingKind.NoRecords : null,
        AnsweredAtUtc = state == AnswerState.Answered ? DateTime.UtcNow : null,
    };
}
