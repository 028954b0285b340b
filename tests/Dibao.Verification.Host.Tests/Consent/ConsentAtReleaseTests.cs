using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Messaging;
using ManualTimeProvider = Dibao.Verification.Host.Tests.Verification.ManualTimeProvider;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Consent;

/// <summary>
/// The authorization is checked at the moment of asking: when a held question is released, and when a question lost with a
/// process is sent again. The clock moves past its validity between planning and asking; on a real SQLite file.
/// </summary>
public sealed class ConsentAtReleaseTests : IAsyncLifetime
{
    private static readonly PolicyParameters Parameters = new(800m, 12, 24, 10m, 3, false);

    /// <summary>Noon in the offices' time zone and the machine's, so "today" is the same day for both.</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 12, 1, 12, 0, 0)));

    private static readonly DateOnly Today = DateOnly.FromDateTime(Start.DateTime);

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-consent-").FullName;
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly ServiceProvider _services;

    public ConsentAtReleaseTests()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(Options.Create(new VerificationOptions
            {
                Agencies = ["tax", "vehicle"],
                PersonsPerQuery = 10,
                MaxQueriesInFlight = 8,
            }));
            services.AddSingleton(Options.Create(new ConsentOptions { ValidFor = 12 }));
            services.AddSingleton<OutboxSignal>();
            services.AddSingleton<HeldMessagesSignal>();
            services.AddSingleton<AgencyDeadlines>();
            services.AddTestAudit();
            services.AddSingleton<ConsentWithholding>();
            services.AddSingleton<Host.Confirmation.OfficeClock>();
            services.AddSingleton<EvaluationQueue>();
            services.AddScoped<HubMessages>();
            services.AddScoped<AgencyQueryPlanner>();
            services.AddSingleton(Options.Create(new Host.Recomparison.RecomparisonOptions()));
            services.AddSingleton(Options.Create(new Host.Confirmation.ConfirmationOptions()));
            services.AddSingleton<Host.Recomparison.AgencyLimits>();
            services.AddSingleton<QueryRelease>();
        });
    }

    [Fact]
    public async Task A_household_whose_authorization_ran_out_while_its_questions_were_held_is_left_out_of_them_and_its_answers_are_refused()
    {
        await HubDatabase.MigrateAsync(_services);
        // Signed a year ago tomorrow: valid today, when the batch is planned; expired the day after.
        var (batch, expiring, valid) = await PlanAsync(Today.AddMonths(-12).AddDays(1), Today);
        _clock.Advance(TimeSpan.FromDays(2));

        (await _services.GetRequiredService<QueryRelease>().ReleaseAsync(CancellationToken.None)).ShouldBe(2, "the questions still go, about the household still covered");

        var answers = await InScopeAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        answers.Where(a => a.HouseholdId == expiring.Id).ShouldAllBe(a => a.State == AnswerState.Refused && a.RefusalCode == ReasonCodes.ConsentExpired && a.AnsweredAtUtc != null);
        answers.Where(a => a.HouseholdId == valid.Id).ShouldAllBe(a => a.State == AnswerState.Awaited);
        (await InScopeAsync(db => db.AgencyQueries.Where(q => q.BatchId == batch && q.SentAtUtc != null).Select(q => q.SweepAtUtc).ToListAsync()))
            .ShouldAllBe(sweepAt => sweepAt != null, "the valid household's answers are still awaited: the sweep must find them");
        var sent = await SentPersonsAsync();
        sent.Count.ShouldBe(2);
        sent.ShouldAllBe(persons => persons.SetEquals(valid.Members), "no agency is asked about the expired household's members");
        _services.GetRequiredService<EvaluationQueue>().Take(10).ShouldBe([expiring.Id], "its answers are all settled: it is evaluated now");
        (await InScopeAsync(db => db.AgencyQueries.CountAsync(q => q.BatchId == batch && q.SentAtUtc != null))).ShouldBe(2);

        // Recorded as every answer is, when its round settles.
        await using (var scope = _services.CreateAsyncScope())
        {
            var entries = scope.ServiceProvider.GetRequiredService<Host.Audit.AgencyQueryAudit>().Settled(
            [
                .. answers.Where(a => a.HouseholdId == expiring.Id).Select(a => new Host.Audit.SettledAnswer(
                    a.RoundId, a.HouseholdId, a.IdHash, a.Source, a.State, a.Kind, a.RefusalCode, a.AnsweredAtUtc, null, "township-01", "new-application", "220105001")),
            ]);
            await scope.ServiceProvider.GetRequiredService<Host.Audit.AuditTrail>().RecordAsync(entries, CancellationToken.None);
        }

        var audited = await InScopeAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        audited.Select(e => e.PersonHash).Order().ShouldBe(answers.Where(a => a.HouseholdId == expiring.Id).Select(a => (string?)a.IdHash).Distinct().Order(),
            "each person whose answers were refused for consent is audited as fully as for an agency's refusal");
        audited.ShouldAllBe(e => e.Subject == "household:" + expiring.Id && e.Outcome == "refused:2"
            && e.Detail!.Contains($"tax refused:{ReasonCodes.ConsentExpired} withheld by the hub") && e.Detail.Contains($"vehicle refused:{ReasonCodes.ConsentExpired} withheld by the hub"));
    }

    [Fact]
    public async Task A_question_only_about_an_expired_household_is_not_sent_at_all()
    {
        await HubDatabase.MigrateAsync(_services);
        await PlanAsync(Today.AddMonths(-12).AddDays(1));
        _clock.Advance(TimeSpan.FromDays(1));

        (await _services.GetRequiredService<QueryRelease>().ReleaseAsync(CancellationToken.None)).ShouldBe(0);

        (await InScopeAsync(db => db.Outbox.CountAsync())).ShouldBe(0, "the held messages are gone, never sent");
        (await InScopeAsync(db => db.AgencyQueries.AsNoTracking().ToListAsync())).ShouldAllBe(q => q.SentAtUtc == null && q.AnsweredAtUtc != null);
        (await InScopeAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync())).ShouldAllBe(a => a.State == AnswerState.Refused && a.RefusalCode == ReasonCodes.ConsentExpired);
        (await _services.GetRequiredService<QueryRelease>().ReleaseAsync(CancellationToken.None)).ShouldBe(0, "nothing is held any more");
    }

    [Fact]
    public async Task A_question_lost_with_the_process_is_sent_again_only_about_households_still_covered()
    {
        await HubDatabase.MigrateAsync(_services);
        var (_, expiring, valid) = await PlanAsync(Today.AddMonths(-12).AddDays(1), Today);
        (await _services.GetRequiredService<QueryRelease>().ReleaseAsync(CancellationToken.None)).ShouldBe(2);
        (await SentPersonsAsync()).ShouldAllBe(persons => persons.Count == 4, "asked while both were covered");
        await InScopeAsync(db => db.Outbox.ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAtUtc, Start.UtcDateTime)));

        // The hub restarts the next day, the questions unanswered and within their deadline.
        _clock.Advance(TimeSpan.FromDays(1));
        var recovery = new UnansweredQueryRecovery(
            _services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new BusOptions { Transport = BusTransport.InMemory }),
            _services.GetRequiredService<ConsentWithholding>(),
            _services.GetRequiredService<EvaluationQueue>(),
            _clock,
            NullLogger<UnansweredQueryRecovery>.Instance);
        await InScopeAsync(db => db.AgencyQueries.ExecuteUpdateAsync(set => set.SetProperty(q => q.DeadlineUtc, _clock.GetUtcNow().UtcDateTime.AddHours(1))));
        await recovery.StartAsync(CancellationToken.None);

        var resent = await SentPersonsAsync(unsentOnly: true);
        resent.Count.ShouldBe(2);
        resent.ShouldAllBe(persons => persons.SetEquals(valid.Members));
        (await InScopeAsync(db => db.AgencyAnswers.AsNoTracking().Where(a => a.HouseholdId == expiring.Id).ToListAsync()))
            .ShouldAllBe(a => a.State == AnswerState.Refused && a.RefusalCode == ReasonCodes.ConsentExpired);
        _services.GetRequiredService<EvaluationQueue>().Take(10).ShouldBe([expiring.Id]);
    }

    /// <summary>One batch, a household of two members per signing date, every question held.</summary>
    private async Task<(Guid Batch, (Guid Id, HashSet<string> Members) First, (Guid Id, HashSet<string> Members) Second)> PlanAsync(params DateOnly[] signedOn)
    {
        var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220105001", Purpose = "test", AsOf = Today, PolicyName = "test", SubmittedAtUtc = Start.UtcDateTime };
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.Batches.Add(batch);
        var households = new List<(Guid, HashSet<string>)>();
        var members = new List<Member>();
        for (var h = 0; h < signedOn.Length; h++)
        {
            var household = new Household { Id = Guid.CreateVersion7(), BatchId = batch.Id, Ordinal = h, Ref = $"H-{h}" };
            household.Consented($"C-{h}", signedOn[h]);
            var round = new VerificationRound { Id = Guid.CreateVersion7(), HouseholdId = household.Id, BatchId = batch.Id, Number = 1, Cause = RoundCauses.Submission };
            household.StartRound(round.Id, round.Number);
            db.Households.Add(household);
            db.Rounds.Add(round);
            var ofHousehold = Enumerable.Range(0, 2)
                .Select(i => new Member { Id = Guid.CreateVersion7(), HouseholdId = household.Id, RoundId = round.Id, Ordinal = i, IdNumber = $"2201051980031{h}{i:000}", IdHash = TestPersonalData.Hash($"2201051980031{h}{i:000}"), Name = "测试", Relation = "self" })
                .ToList();
            members.AddRange(ofHousehold);
            households.Add((household.Id, ofHousehold.Select(m => m.IdNumber).ToHashSet()));
        }

        db.Members.AddRange(members);
        db.AgencyAnswers.AddRange(scope.ServiceProvider.GetRequiredService<AgencyQueryPlanner>().Plan(batch, members, Parameters, new QueryCause("township-01", "new-application")));
        await db.SaveChangesAsync();
        return (batch.Id, households[0], households.Count > 1 ? households[1] : default);
    }

    /// <summary>The persons each released question asks about, as its message will carry them.</summary>
    private Task<List<HashSet<string>>> SentPersonsAsync(bool unsentOnly = false) =>
        InScopeAsync(async db => (await db.Outbox.AsNoTracking().Where(m => !m.Held && (!unsentOnly || m.SentAtUtc == null)).ToListAsync())
            .Select(m => JsonSerializer.Deserialize<QueryAgency>(m.Body, HubJson.Options)!.Persons.Select(p => p.IdNumber).ToHashSet())
            .ToList());

    private Task<T> InScopeAsync<T>(Func<HubDbContext, Task<T>> work) => HubDatabase.InScopeAsync(_services, work);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
