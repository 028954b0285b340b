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
        (await SweepAtAsync(vehicle)).ShouldBeNull("nothing is awaited any more: the deadline sweep has nothing to end");
    }

    [Fact]
    public async Task A_report_delivered_again_after_it_was_stored_hands_its_households_over_again()
    {
        var household = Guid.NewGuid();
        var tax = await SeedAsync("tax", household, Guid.NewGuid(), "220105198003150011", "220105198003150022");
        var report = NoRecords(tax, "tax", "220105198003150011", "220105198003150022");
        var queue = _services.GetRequiredService<EvaluationQueue>();
        await RecordAsync(report);

        // As if the first delivery had been cancelled between its commit and the handover, when the broker went away:
        // the report comes again and finds nothing left to store.
        queue.Take(10).ShouldBe([household]);
        await RecordAsync(report);

        queue.Take(10).ShouldBe([household], "nobody else would hand this household over");
        (await ReadAsync(tax))("220105198003150011").State.ShouldBe(AnswerState.Answered);
    }

    [Fact]
    public async Task Of_the_questions_about_the_same_members_the_last_answered_hands_their_households_to_the_evaluation()
    {
        var chunk = Guid.NewGuid();
        var (first, second) = (Person(), Person());
        var tax = await SeedAsync("tax", chunk, DateTime.UtcNow.AddHours(1), first, second);
        var vehicle = await SeedAsync("vehicle", chunk, DateTime.UtcNow.AddHours(1), first, second);
        var queue = _services.GetRequiredService<EvaluationQueue>();

        await RecordAsync(NoRecords(vehicle, "vehicle", first.IdNumber, second.IdNumber));
        queue.Take(10).ShouldBeEmpty("the tax bureau has not answered yet");

        await RecordAsync(NoRecords(tax, "tax", first.IdNumber, second.IdNumber));
        queue.Take(10).ShouldBe([first.Household, second.Household], ignoreOrder: true);
    }

    [Fact]
    public async Task A_household_whose_last_answer_came_while_another_question_was_out_is_handed_over_when_the_sweep_ends_that_question()
    {
        var chunk = Guid.NewGuid();
        var (withheld, waiting) = (Person(), Person());
        var tax = await SeedAsync("tax", chunk, DateTime.UtcNow.AddHours(1), withheld, waiting);
        var vehicle = await SeedAsync("vehicle", chunk, DateTime.UtcNow.AddHours(1), withheld, waiting);

        // The first household's authorization had expired when the vehicle question went out: its answer there is settled.
        await UpdateAnswersAsync(vehicle, withheld.IdNumber, set => set.SetProperty(a => a.State, AnswerState.Refused));
        await RecordAsync(NoRecords(tax, "tax", withheld.IdNumber, waiting.IdNumber));
        var queue = _services.GetRequiredService<EvaluationQueue>();
        queue.Take(10).ShouldBeEmpty("the vehicle question is still out");

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.AgencyQueries.Where(q => q.Id == vehicle).ExecuteUpdateAsync(set => set.SetProperty(q => q.DeadlineUtc, past).SetProperty(q => q.SweepAtUtc, past));
        }

        (await Sweeper().SweepAsync(CancellationToken.None)).ShouldBe(1);
        queue.Take(10).ShouldBe([withheld.Household, waiting.Household], ignoreOrder: true);
        (await SweepAtAsync(vehicle)).ShouldBeNull();
        (await Sweeper().SweepAsync(CancellationToken.None)).ShouldBe(0, "a question is swept once");
    }

    [Fact]
    public async Task Another_question_within_a_minute_of_its_deadline_does_not_hold_the_households_back()
    {
        var chunk = Guid.NewGuid();
        var person = Person();
        var tax = await SeedAsync("tax", chunk, DateTime.UtcNow.AddHours(1), person);
        var vehicle = await SeedAsync("vehicle", chunk, DateTime.UtcNow.AddSeconds(30), person);

        // Swept already by another hub instance whose clock runs a little ahead.
        await UpdateAnswersAsync(vehicle, person.IdNumber, set => set.SetProperty(a => a.State, AnswerState.Unavailable));
        await RecordAsync(NoRecords(tax, "tax", person.IdNumber));

        _services.GetRequiredService<EvaluationQueue>().Take(10).ShouldBe([person.Household]);
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
        (await SweepAtAsync(query)).ShouldNotBeNull("the sweep still ends the answer left out at the deadline");
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

    [Fact]
    public async Task The_running_sweep_takes_a_cancellation_the_host_did_not_ask_for_as_a_failed_sweep_and_goes_on()
    {
        var query = await SeedAsync("tax", chunk: null, DateTime.UtcNow.AddMinutes(-1), Person());
        var scopes = new ScopesCancelledOnce(_services.GetRequiredService<IServiceScopeFactory>());
        var sweeper = Sweeper(scopes);

        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await SweepAtAsync(query) is not null && !sweeper.ExecuteTask!.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            sweeper.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
            scopes.Asked.ShouldBeGreaterThan(1);
            (await SweepAtAsync(query)).ShouldBeNull("swept on the next tick");
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    private Task<Guid> SeedAsync(string agency, Guid household, Guid round, params string[] idNumbers) =>
        SeedAsync(agency, chunk: null, DateTime.UtcNow.AddHours(1), [.. idNumbers.Select(id => new Asked(household, round, id))]);

    /// <summary>A question sent to the agency about the persons, each the only member of their household unless given.</summary>
    private Task<Guid> SeedAsync(string agency, Guid? chunk, DateTime deadline, params Asked[] persons) =>
        AnswerRecorderServices.SeedQuestionAsync(_services, agency, chunk, deadline, persons);

    private int _persons;

    private Asked Person() => new(Guid.NewGuid(), Guid.NewGuid(), $"22010519800315{++_persons:0000}");

    private async Task UpdateAnswersAsync(
        Guid query, string idNumber, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AgencyAnswerRecord>> set)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers
            .Where(a => a.QueryId == query && a.IdHash == TestPersonalData.Hash(idNumber))
            .ExecuteUpdateAsync(set);
    }

    private async Task<DateTime?> SweepAtAsync(Guid query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyQueries.Where(q => q.Id == query).Select(q => q.SweepAtUtc).SingleAsync();
    }

    private DeadlineSweeper Sweeper(IServiceScopeFactory? scopes = null) => new(
        scopes ?? _services.GetRequiredService<IServiceScopeFactory>(),
        Microsoft.Extensions.Options.Options.Create(new VerificationOptions()),
        _services.GetRequiredService<EvaluationQueue>(),
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<DeadlineSweeper>.Instance);

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
