using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>Questions go out as their sources have room, in the order planned, with deadlines from their release; on a real SQLite file.</summary>
public sealed class QueryReleaseTests : IAsyncLifetime
{
    private static readonly PolicyParameters Parameters = new(800m, 12, 24, 10m, 3, false);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-release-").FullName;
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly RecomparisonOptions _runs = new();
    private readonly ServiceProvider _services;

    public QueryReleaseTests()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(Options.Create(new VerificationOptions
            {
                Agencies = ["tax", "vehicle"],
                PersonsPerQuery = 1,
                MaxQueriesInFlight = 2,
                Deadlines = new() { ["tax"] = TimeSpan.FromMinutes(2), ["vehicle"] = TimeSpan.FromMinutes(5) },
            }));
            services.AddSingleton<OutboxSignal>();
            services.AddSingleton<HeldMessagesSignal>();
            services.AddTestAudit();
            services.AddSingleton<AgencyDeadlines>();
            services.AddSingleton(Options.Create(new Host.Consent.ConsentOptions()));
            services.AddSingleton<Host.Consent.ConsentWithholding>();
            services.AddSingleton<Host.Confirmation.OfficeClock>();
            services.AddSingleton<EvaluationQueue>();
            services.AddScoped<HubMessages>();
            services.AddScoped<AgencyQueryPlanner>();
            services.AddSingleton(Options.Create(_runs));
            services.AddSingleton(Options.Create(new ConfirmationOptions()));
            services.AddSingleton<AgencyLimits>();
            services.AddSingleton<QueryRelease>();
        });
    }

    [Fact]
    public async Task A_run_s_questions_wait_for_their_agency_s_window_while_an_application_s_go_first()
    {
        // 08:00 UTC is 16:00 at the offices.
        _runs.Agencies["tax"] = new AgencyLimitOptions { Window = "22:00-06:00" };
        var run = await PlanAsync(members: 3, RecomparisonChunks.Purpose);
        var application = await PlanAsync(members: 1);

        (await ReleaseAsync()).ShouldBe(3);
        (await QueriesAsync(application)).ShouldAllBe(q => q.SentAtUtc != null, "planned after the run's, yet first");
        var held = await QueriesAsync(run);
        held.Where(q => q.Agency == "tax").ShouldAllBe(q => q.SentAtUtc == null, "outside the tax bureau's window");
        held.Count(q => q.Agency == "vehicle" && q.SentAtUtc != null).ShouldBe(1, "the vehicle agency sets no window: the room the application left");

        _clock.Advance(TimeSpan.FromHours(6));
        (await ReleaseAsync()).ShouldBe(4, "22:00 at the offices: two to each source, whose earlier questions are past their deadlines");
        (await QueriesAsync(run)).Count(q => q.Agency == "tax" && q.SentAtUtc != null).ShouldBe(2);
    }

    [Fact]
    public async Task A_run_s_questions_go_to_an_agency_no_faster_than_its_persons_per_second()
    {
        _runs.Agencies["TAX"] = new AgencyLimitOptions { MaxPersonsPerSecond = 1 };
        var run = await PlanAsync(members: 3, RecomparisonChunks.Purpose);

        (await ReleaseAsync()).ShouldBe(3, "one person to the tax bureau, two questions to the vehicle agency, which has no limit");
        (await ReleaseAsync()).ShouldBe(0, "the tax bureau's second has been used");
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        (await ReleaseAsync()).ShouldBe(0);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await ReleaseAsync()).ShouldBe(1, "a second later, the next person");
        (await QueriesAsync(run)).Where(q => q.Agency == "tax" && q.SentAtUtc != null).Select(q => q.SentAtUtc).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Each_source_gets_its_limit_of_questions_in_the_order_planned_with_deadlines_from_release()
    {
        var batch = await PlanAsync(members: 5);
        _clock.Advance(TimeSpan.FromMinutes(10));

        (await ReleaseAsync()).ShouldBe(4);

        var queries = await QueriesAsync(batch);
        foreach (var source in new[] { "tax", "vehicle" })
        {
            var ofSource = queries.Where(q => q.Agency == source).OrderBy(q => q.Ordinal).ToList();
            ofSource.Select(q => q.SentAtUtc is not null).ShouldBe([true, true, false, false, false], $"{source}: the first two planned go first");
        }

        var released = _clock.GetUtcNow().UtcDateTime;
        queries.Single(q => q.Agency == "tax" && q.Ordinal == 0).DeadlineUtc.ShouldBe(released.AddMinutes(2), "counted from release, not from planning");
        queries.Single(q => q.Agency == "vehicle" && q.Ordinal == 0).DeadlineUtc.ShouldBe(released.AddMinutes(5));
        var sentIds = queries.Where(q => q.SentAtUtc is not null).Select(q => q.Id).ToHashSet();
        var outbox = await InScopeAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        outbox.Where(m => !m.Held).Select(m => m.Id).ToHashSet().SetEquals(sentIds).ShouldBeTrue("only the released questions may be sent");
        queries.Where(q => sentIds.Contains(q.Id)).ShouldAllBe(q => q.SweepAtUtc == q.DeadlineUtc);
        queries.Where(q => !sentIds.Contains(q.Id)).ShouldAllBe(q => q.SweepAtUtc == null, "a held question's answers cannot be swept");

        (await ReleaseAsync()).ShouldBe(0, "both sources are full");
    }

    [Fact]
    public async Task An_answered_question_or_one_past_its_deadline_makes_room_for_the_next()
    {
        var batch = await PlanAsync(members: 5);
        await ReleaseAsync();
        var queries = await QueriesAsync(batch);
        var firstTax = queries.Single(q => q.Agency == "tax" && q.Ordinal == 0).Id;
        await InScopeAsync(db => db.AgencyQueries.Where(q => q.Id == firstTax)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.AnsweredAtUtc, _clock.GetUtcNow().UtcDateTime)));

        (await ReleaseAsync()).ShouldBe(1);
        (await QueriesAsync(batch)).Single(q => q.Agency == "tax" && q.Ordinal == 2).SentAtUtc.ShouldNotBeNull();

        _clock.Advance(TimeSpan.FromMinutes(3));
        (await ReleaseAsync()).ShouldBe(2, "the tax questions out are past their two minutes; the vehicle ones have five");
        var after = await QueriesAsync(batch);
        after.Where(q => q.Agency == "tax").Count(q => q.SentAtUtc is not null).ShouldBe(5);
        after.Where(q => q.Agency == "vehicle").Count(q => q.SentAtUtc is not null).ShouldBe(2);
    }

    [Fact]
    public async Task The_running_release_takes_a_cancellation_the_host_did_not_ask_for_as_a_failed_pass_and_goes_on()
    {
        var batch = await PlanAsync(members: 1);
        var scopes = new ScopesCancelledOnce(_services.GetRequiredService<IServiceScopeFactory>());
        var release = ActivatorUtilities.CreateInstance<QueryRelease>(_services, scopes);

        await release.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await QueriesAsync(batch)).Any(q => q.SentAtUtc is null) && !release.ExecuteTask!.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            release.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
            scopes.Asked.ShouldBeGreaterThan(1);
            (await QueriesAsync(batch)).ShouldAllBe(q => q.SentAtUtc != null, "released on the next pass");
        }
        finally
        {
            await release.StopAsync(CancellationToken.None);
        }
    }

    private async Task<Guid> PlanAsync(int members, string purpose = "new-application")
    {
        await HubDatabase.MigrateAsync(_services);
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220105001", Purpose = "test", AsOf = new DateOnly(2026, 11, 1), PolicyName = "test" };
        var household = new Household { Id = Guid.CreateVersion7(), BatchId = batch.Id, Ref = "H-1" };
        household.Consented("C-1", batch.AsOf);
        var round = new VerificationRound { Id = Guid.CreateVersion7(), HouseholdId = household.Id, BatchId = batch.Id, Number = 1, Cause = RoundCauses.Submission };
        household.StartRound(round.Id, round.Number);
        var people = Enumerable.Range(0, members)
            .Select(i => new Member { Id = Guid.CreateVersion7(), HouseholdId = household.Id, RoundId = round.Id, Ordinal = i, IdNumber = $"22010519800315{i:0000}", IdHash = TestPersonalData.Hash($"22010519800315{i:0000}"), Name = "测试", Relation = "self" })
            .ToList();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.Batches.Add(batch);
        db.Households.Add(household);
        db.Rounds.Add(round);
        db.Members.AddRange(people);
        db.AgencyAnswers.AddRange(scope.ServiceProvider.GetRequiredService<AgencyQueryPlanner>().Plan(batch, people, Parameters, new QueryCause("township-01", purpose)));
        await db.SaveChangesAsync();
        return batch.Id;
    }

    private Task<int> ReleaseAsync() => _services.GetRequiredService<QueryRelease>().ReleaseAsync(CancellationToken.None);

    private Task<List<AgencyQuery>> QueriesAsync(Guid batch) =>
        InScopeAsync(db => db.AgencyQueries.AsNoTracking().Where(q => q.BatchId == batch).ToListAsync());

    private Task<T> InScopeAsync<T>(Func<HubDbContext, Task<T>> work) => HubDatabase.InScopeAsync(_services, work);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
