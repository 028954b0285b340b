using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>How answers are stored and when their households are handed to the evaluation, on a real SQLite file.</summary>
public sealed class AgencyAnswerRecorderTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-recorder-").FullName;
    private readonly ServiceProvider _services;

    public AgencyAnswerRecorderTests()
    {
        _services = AnswerRecorderServices.On(_folder);
    }

    [Fact]
    public async Task A_household_is_handed_to_the_evaluation_only_when_its_last_awaited_answer_comes()
    {
        var household = Guid.NewGuid();
        var round = Guid.NewGuid();
        var tax = await SeedAsync("tax", household, round, "220105198003150011", "220105198003150022");
        var vehicle = await SeedAsync("vehicle", household, round, "220105198003150011", "220105198003150022");
        var queue = _services.GetRequiredService<EvaluationQueue>();

        await RecordAsync(NoRecords(tax, "tax", "220105198003150011", "220105198003150022"));
        queue.Take(10).ShouldBeEmpty("the vehicle agency has not answered yet");

        await RecordAsync(NoRecords(vehicle, "vehicle", "220105198003150011", "220105198003150022"));
        queue.Take(10).ShouldBe([household]);
    }

    [Fact]
    public async Task No_records_for_a_member_already_settled_is_kept_as_late_evidence_and_the_others_are_answered()
    {
        var query = await SeedAsync("tax", Guid.NewGuid(), Guid.NewGuid(), "220105198003150011", "220105198003150022", "220105198003150033");
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers
                .Where(a => a.QueryId == query && a.IdHash == TestPersonalData.Hash("220105198003150022"))
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AnswerState.Unavailable));
        }

        await RecordAsync(NoRecords(query, "tax", "220105198003150011", "220105198003150022", "220105198003150033"));

        var answers = await ReadAsync(query);
        answers("220105198003150011").State.ShouldBe(AnswerState.Answered);
        answers("220105198003150011").Kind.ShouldBe(FindingKind.NoRecords);
        answers("220105198003150033").State.ShouldBe(AnswerState.Answered);
        var late = answers("220105198003150022");
        late.State.ShouldBe(AnswerState.Unavailable, "a settled answer is never changed");
        late.LateKind.ShouldBe(FindingKind.NoRecords);
        late.LateAtUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_member_the_report_leaves_out_stays_awaited()
    {
        var query = await SeedAsync("tax", Guid.NewGuid(), Guid.NewGuid(), "220105198003150011", "220105198003150022");

        await RecordAsync(NoRecords(query, "tax", "220105198003150011"));

        var answers = await ReadAsync(query);
        answers("220105198003150011").State.ShouldBe(AnswerState.Answered);
        answers("220105198003150022").State.ShouldBe(AnswerState.Awaited);
        _services.GetRequiredService<EvaluationQueue>().Take(10).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_delivered_through_another_agencys_answer_exchange_is_refused_whatever_agency_it_names()
    {
        var bank = await SeedAsync("bank:ICBC", Guid.NewGuid(), Guid.NewGuid(), "220105198003150011");

        // The tax agency's broker user may publish only to its own exchange, so a report that came through it is the tax agency's.
        await RecordAsync(NoRecords(bank, "bank:ICBC", "220105198003150011"), deliveredBy: "tax");
        (await ReadAsync(bank))("220105198003150011").State.ShouldBe(AnswerState.Awaited);

        await RecordAsync(NoRecords(bank, "bank:ICBC", "220105198003150011"), deliveredBy: "bank");
        (await ReadAsync(bank))("220105198003150011").State.ShouldBe(AnswerState.Answered);
    }

    [Theory]
    [InlineData("agency-tax_answers", "tax")]
    [InlineData("agency-business-registry_answers", "business-registry")]
    [InlineData("hub-agency-findings", null)]
    [InlineData("agency-tax", null)]
    [InlineData("agency-_answers", null)]
    [InlineData("", null)]
    public void The_answer_exchange_names_the_agency_that_answered(string exchange, string? agency) =>
        AgencyQueue.AgencyOfAnswerExchange(exchange).ShouldBe(agency);

    private static AgencyFindingsReported NoRecords(Guid query, string agency, params string[] idNumbers) =>
        new(query, agency, DateTimeOffset.UtcNow, 1, [.. idNumbers.Select(id => new PersonFinding(id, FindingKind.NoRecords, null, new PersonFacts()))]);

    private async Task RecordAsync(AgencyFindingsReported report, string? deliveredBy = null)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().FindingsAsync(report, deliveredBy, CancellationToken.None);
    }

    private async Task<Guid> SeedAsync(string agency, Guid household, Guid round, params string[] idNumbers)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.MigrateAsync();
        var deadline = DateTime.UtcNow.AddHours(1);
        var query = new AgencyQuery { Id = Guid.CreateVersion7(), BatchId = Guid.NewGuid(), Agency = agency, SentAtUtc = DateTime.UtcNow, DeadlineUtc = deadline };
        db.AgencyQueries.Add(query);
        db.AgencyAnswers.AddRange(idNumbers.Select(id => new AgencyAnswerRecord
        {
            Id = Guid.CreateVersion7(),
            QueryId = query.Id,
            BatchId = query.BatchId,
            HouseholdId = household,
            RoundId = round,
            MemberId = Guid.NewGuid(),
            Source = agency,
            IdHash = TestPersonalData.Hash(id),
            DeadlineUtc = deadline,
        }));
        await db.SaveChangesAsync();
        return query.Id;
    }

    /// <summary>The query's answers by the identity number they are about.</summary>
    private async Task<Func<string, AgencyAnswerRecord>> ReadAsync(Guid query)
    {
        await using var scope = _services.CreateAsyncScope();
        var answers = await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers.AsNoTracking()
            .Where(a => a.QueryId == query).ToDictionaryAsync(a => a.IdHash);
        return idNumber => answers[TestPersonalData.Hash(idNumber)];
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
