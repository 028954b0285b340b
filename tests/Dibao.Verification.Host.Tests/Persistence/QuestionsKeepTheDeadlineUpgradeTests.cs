using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>
/// The upgrade that moved the deadline from every answer to its question: the questions still awaiting an answer keep it
/// for the deadline sweep, the others are not swept again; on a real SQLite file.
/// </summary>
public sealed class QuestionsKeepTheDeadlineUpgradeTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-upgrade-").FullName;
    private readonly ServiceProvider _services;

    public QuestionsKeepTheDeadlineUpgradeTests() =>
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");

    [Fact]
    public async Task Only_the_questions_sent_with_answers_still_awaited_are_left_for_the_sweep()
    {
        await HubDatabase.MigrateAsync(_services);
        var deadline = new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);
        var waiting = Question(deadline);
        var answered = Question(deadline);
        var held = Question(deadline: null);
        await HubDatabase.InScopeAsync(_services, async db =>
        {
            db.AgencyQueries.AddRange(waiting, answered, held);
            db.AgencyAnswers.AddRange(
                Answer(waiting, AnswerState.Answered), Answer(waiting, AnswerState.Awaited),
                Answer(answered, AnswerState.Answered), Answer(answered, AnswerState.Unavailable),
                Answer(held, AnswerState.Awaited));
            return await db.SaveChangesAsync();
        });

        // Down to the version before, when the answers kept the deadline, and up again.
        await HubDatabase.UpgradeThroughAsync(_services, "QuestionsKeepTheDeadline");

        var sweepAt = await HubDatabase.InScopeAsync(_services, db => db.AgencyQueries.AsNoTracking().ToDictionaryAsync(q => q.Id, q => q.SweepAtUtc));
        sweepAt[waiting.Id].ShouldBe(deadline, "an answer is still awaited: the sweep ends it at the deadline");
        sweepAt[answered.Id].ShouldBeNull("nothing is left to sweep");
        sweepAt[held.Id].ShouldBeNull("not sent yet: its deadline has not started");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static AgencyQuery Question(DateTime? deadline) => new()
    {
        Id = Guid.CreateVersion7(),
        BatchId = Guid.CreateVersion7(),
        Agency = "tax",
        SentAtUtc = deadline?.AddMinutes(-2),
        DeadlineUtc = deadline,
    };

    private static AgencyAnswerRecord Answer(AgencyQuery question, AnswerState state) => new()
    {
        Id = Guid.CreateVersion7(),
        QueryId = question.Id,
        BatchId = question.BatchId,
        HouseholdId = Guid.CreateVersion7(),
        RoundId = Guid.CreateVersion7(),
        MemberId = Guid.CreateVersion7(),
        Source = question.Agency,
        IdHash = $"hash-{Guid.NewGuid():N}",
        State = state,
        Kind = state == AnswerState.Answered ? FindingKind.NoRecords : null,
    };
}
