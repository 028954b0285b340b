using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>
/// On PostgreSQL a report's answers are settled by one statement (<see cref="PostgresAnswerWrite"/>): every kind of answer
/// lands as answer by answer would land it, a settled answer keeps the report as late evidence, and the sweep racing an
/// answer never loses it. Once the table has grown and been analysed, the statement still pairs each answer with its own
/// person, and changes it on its page. The deadline sweep's one statement counts each answer it marked once, two sweeps at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAnswerRecorderTests(PostgresCluster cluster)
{
    private static readonly HousingFundAccountFact Account = new("HF-1", HousingFundAccountStatus.Normal, "长春某公司", 3000m, 300m, 12000m, new DateOnly(2026, 10, 1), null);

    [PostgresFact]
    public async Task Each_answer_of_a_report_lands_as_its_finding_says_and_one_settled_before_keeps_it_as_late_evidence()
    {
        await using var services = AnswerRecorderServices.On("Postgres", await cluster.CreateDatabaseAsync());
        string[] ids = ["220105198003150011", "220105198003150022", "220105198003150033", "220105198003150044", "220105198003150055"];
        var (household, round) = (Guid.NewGuid(), Guid.NewGuid());
        var query = await AnswerRecorderServices.SeedQuestionAsync(
            services, "housing-fund", chunk: null, DateTime.UtcNow.AddHours(1), [.. ids.Select(id => new Asked(household, round, id))]);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers
                .Where(a => a.QueryId == query && a.IdHash == TestPersonalData.Hash(ids[3]))
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AnswerState.Unavailable));
        }

        var at = new DateTimeOffset(2026, 12, 3, 6, 7, 8, 123, TimeSpan.Zero);
        await RecordAsync(services, new AgencyFindingsReported(query, "housing-fund", at, 2,
        [
            new PersonFinding(ids[0], FindingKind.RecordsFound, null, new PersonFacts { HousingFundAccounts = [Account] }),
            new PersonFinding(ids[1], FindingKind.NoRecords, null, new PersonFacts()),
            new PersonFinding(ids[2], FindingKind.Refused, "NOT_AUTHORIZED", new PersonFacts()),
            new PersonFinding(ids[3], FindingKind.NoRecords, null, new PersonFacts()),
        ]));

        var answers = await AnswersAsync(services, query);
        var records = answers[TestPersonalData.Hash(ids[0])];
        (records.State, records.Kind, records.RefusalCode, records.AnsweredAtUtc).ShouldBe((AnswerState.Answered, FindingKind.RecordsFound, null, at.UtcDateTime));
        records.FactsJson.ShouldNotBeNull().ShouldContain("HF-1");
        var none = answers[TestPersonalData.Hash(ids[1])];
        (none.State, none.Kind, none.RefusalCode, none.FactsJson, none.AnsweredAtUtc).ShouldBe((AnswerState.Answered, FindingKind.NoRecords, null, null, at.UtcDateTime));
        var refused = answers[TestPersonalData.Hash(ids[2])];
        (refused.State, refused.Kind, refused.RefusalCode).ShouldBe((AnswerState.Answered, FindingKind.Refused, "NOT_AUTHORIZED"));
        var late = answers[TestPersonalData.Hash(ids[3])];
        (late.State, late.Kind, late.AnsweredAtUtc).ShouldBe((AnswerState.Unavailable, null, null), "a settled answer is never changed");
        (late.LateKind, late.LateAtUtc).ShouldBe((FindingKind.NoRecords, at.UtcDateTime));
        answers[TestPersonalData.Hash(ids[4])].State.ShouldBe(AnswerState.Awaited, "the report left this person out");
        services.GetRequiredService<EvaluationQueue>().Take(10).ShouldBeEmpty("one answer is still awaited");
    }

    [PostgresFact]
    public async Task A_question_refused_whole_refuses_each_of_its_answers_with_the_agencys_code()
    {
        await using var services = AnswerRecorderServices.On("Postgres", await cluster.CreateDatabaseAsync());
        var (household, round) = (Guid.NewGuid(), Guid.NewGuid());
        var query = await AnswerRecorderServices.SeedQuestionAsync(services, "tax", chunk: null, DateTime.UtcNow.AddHours(1),
            new Asked(household, round, "220105198003150011"), new Asked(household, round, "220105198003150022"));

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().RefusedAsync(
                new AgencyQueryRefused(query, "tax", "E_KEY", DateTimeOffset.UtcNow), deliveredBy: null, CancellationToken.None);
        }

        var answers = await AnswersAsync(services, query);
        answers.Count.ShouldBe(2);
        foreach (var answer in answers.Values)
        {
            (answer.State, answer.Kind, answer.RefusalCode).ShouldBe((AnswerState.Refused, null, "E_KEY"));
        }

        services.GetRequiredService<EvaluationQueue>().Take(10).ShouldBe([household]);
    }

    [PostgresFact]
    public async Task A_reports_statement_pairs_each_answer_with_its_person_when_the_statistics_say_none_is_awaited()
    {
        await using var services = AnswerRecorderServices.On("Postgres", await cluster.CreateDatabaseAsync());
        var (household, round) = (Guid.NewGuid(), Guid.NewGuid());
        var ids = Enumerable.Range(0, 300).Select(i => $"22010519800315{i:D4}").ToList();
        var query = await AnswerRecorderServices.SeedQuestionAsync(
            services, "tax", chunk: null, DateTime.UtcNow.AddHours(1), [.. ids.Select(id => new Asked(household, round, id))]);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();

        // As in a hub that has run a while: a hundred questions answered before this one, and the table analysed when every
        // answer was settled, not since.
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "AgencyAnswers" SET (autovacuum_enabled = false)""");
        var answers = db.AgencyAnswers.Where(a => a.QueryId == query);
        await answers.ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AnswerState.Answered));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AgencyAnswers" ("Id", "QueryId", "BatchId", "HouseholdId", "RoundId", "MemberId", "Source", "State", "IdHash", "Carried")
            SELECT gen_random_uuid(), md5(earlier::text)::uuid, "BatchId", "HouseholdId", "RoundId", gen_random_uuid(), "Source", "State", "IdHash", "Carried"
            FROM "AgencyAnswers", generate_series(1, 100) AS earlier WHERE "QueryId" = {query}
            """);
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "AgencyAnswers" """);
        await answers.ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AnswerState.Awaited));

        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var command = PostgresAnswerWrite.Statement(
            db, query, DateTime.UtcNow, [.. ids.Select(id => new AnswerWrite(TestPersonalData.Hash(id), AnswerState.Answered, FindingKind.NoRecords, null, null))]);
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + command.CommandText;
        using var explained = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        await transaction.RollbackAsync();

        var plan = explained.RootElement[0].GetProperty("Plan");
        plan.GetProperty("Actual Rows").GetDouble().ShouldBe(300, "every awaited answer is settled");
        Nodes(plan).Sum(node => node.TryGetProperty("Rows Removed by Join Filter", out var removed) ? removed.GetDouble() : 0)
            .ShouldBeLessThan(300, "each answer is compared with its own person, not with every person of the report");
    }

    [PostgresFact]
    public async Task Answering_changes_each_answer_on_its_own_page()
    {
        await using var services = AnswerRecorderServices.On("Postgres", await cluster.CreateDatabaseAsync());
        var ids = Enumerable.Range(0, 1000).Select(i => $"22010519800315{i:D4}").ToList();
        var (household, round) = (Guid.NewGuid(), Guid.NewGuid());
        var query = await AnswerRecorderServices.SeedQuestionAsync(
            services, "tax", chunk: null, DateTime.UtcNow.AddHours(1), [.. ids.Select(id => new Asked(household, round, id))]);
        var before = await PagesAsync(services, query);

        await RecordAsync(services, new AgencyFindingsReported(query, "tax", DateTimeOffset.UtcNow, 1,
            [.. ids.Select(id => new PersonFinding(id, FindingKind.NoRecords, null, new PersonFacts()))]));

        (await AnswersAsync(services, query)).Values.ShouldAllBe(a => a.State == AnswerState.Answered);
        (await PagesAsync(services, query)).ShouldBe(before, "an answer changed in place keeps its page, and its index entries");
    }

    [PostgresFact]
    public async Task An_answer_with_records_racing_the_deadline_sweep_is_never_lost()
    {
        await using var services = AnswerAndSweepRace.Services("Postgres", await cluster.CreateDatabaseAsync());
        await AnswerAndSweepRace.RunAsync(services, withRecords: true);
    }

    [PostgresFact]
    public async Task An_answer_of_no_records_racing_the_deadline_sweep_is_never_lost()
    {
        await using var services = AnswerAndSweepRace.Services("Postgres", await cluster.CreateDatabaseAsync());
        await AnswerAndSweepRace.RunAsync(services, withRecords: false);
    }

    [PostgresFact]
    public async Task Two_sweeps_at_once_mark_each_awaited_answer_once_between_them_and_leave_the_answered_alone()
    {
        await using var services = AnswerAndSweepRace.Services("Postgres", await cluster.CreateDatabaseAsync());
        var ids = Enumerable.Range(0, 300).Select(i => $"22010519800315{i:D4}").ToList();
        var (household, round) = (Guid.NewGuid(), Guid.NewGuid());
        var query = await AnswerRecorderServices.SeedQuestionAsync(
            services, "tax", chunk: null, DateTime.UtcNow.AddHours(1), [.. ids.Select(id => new Asked(household, round, id))]);
        await RecordAsync(services, new AgencyFindingsReported(query, "tax", DateTimeOffset.UtcNow, 1,
            [.. ids.Take(100).Select(id => new PersonFinding(id, FindingKind.NoRecords, null, new PersonFacts()))]));
        await using (var scope = services.CreateAsyncScope())
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyQueries.Where(q => q.Id == query)
                .ExecuteUpdateAsync(set => set.SetProperty(q => q.DeadlineUtc, past).SetProperty(q => q.SweepAtUtc, past));
        }

        var sweeper = services.GetRequiredService<DeadlineSweeper>();
        using var start = new ManualResetEventSlim();
        var sweeps = Enumerable.Range(0, 2).Select(_ => Task.Run(async () => { start.Wait(); return await sweeper.SweepAsync(CancellationToken.None); })).ToList();
        start.Set();
        var marked = await Task.WhenAll(sweeps);

        marked.Sum().ShouldBe(200, "each awaited answer counted by the one sweep that marked it");
        var answers = await AnswersAsync(services, query);
        ids.Take(100).ShouldAllBe(id => answers[TestPersonalData.Hash(id)].State == AnswerState.Answered);
        ids.Skip(100).ShouldAllBe(id => answers[TestPersonalData.Hash(id)].State == AnswerState.Unavailable);
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyQueries.Where(q => q.Id == query).Select(q => q.SweepAtUtc).SingleAsync())
                .ShouldBeNull("nothing of the question is awaited any more");
        }
    }

    /// <summary>The page each answer of the question is stored on, by identity hash.</summary>
    private static async Task<Dictionary<string, string>> PagesAsync(IServiceProvider services, Guid query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database
            .SqlQuery<Page>($"""SELECT "IdHash", split_part(ctid::text, ',', 1) AS "Block" FROM "AgencyAnswers" WHERE "QueryId" = {query}""")
            .ToDictionaryAsync(p => p.IdHash, p => p.Block);
    }

    private sealed record Page(string IdHash, string Block);

    private static IEnumerable<JsonElement> Nodes(JsonElement plan) =>
        plan.TryGetProperty("Plans", out var children) ? [plan, .. children.EnumerateArray().SelectMany(Nodes)] : [plan];

    private static async Task RecordAsync(IServiceProvider services, AgencyFindingsReported report)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgencyAnswerRecorder>().FindingsAsync(report, deliveredBy: null, CancellationToken.None);
    }

    private static async Task<Dictionary<string, AgencyAnswerRecord>> AnswersAsync(IServiceProvider services, Guid query)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().AgencyAnswers.AsNoTracking()
            .Where(a => a.QueryId == query).ToDictionaryAsync(a => a.IdHash);
    }
}
