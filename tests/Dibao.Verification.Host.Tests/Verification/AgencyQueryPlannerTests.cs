using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>Each bank is a source of its own, so a bank that never answers is named when its deadline passes; every question waits to be released.</summary>
public sealed class AgencyQueryPlannerTests : IDisposable
{
    private static readonly PolicyParameters Parameters = new(800m, 12, 24, 10m, 3, false);

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly HubDbContext _db;
    private readonly OutboxSignal _signal = new();
    private readonly HeldMessagesSignal _held = new();

    public AgencyQueryPlannerTests()
    {
        _connection.Open();
        _db = new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseSqlite(_connection).UsePersonalDataProtection(TestPersonalData.Protector).Options);
    }

    [Fact]
    public void Banks_get_one_answer_per_member_and_bank_all_asked_on_the_bank_queue()
    {
        var (batch, members) = Members(2);

        var awaited = Planner(new()
        {
            ["Verification:Banks:0"] = "ICBC",
            ["Verification:Banks:1"] = "CCB",
            ["Verification:Deadlines:bank"] = "01:00:00",
            ["Verification:Deadlines:housing-fund"] = "00:02:00",
        }, "housing-fund", "bank").Plan(batch, members, Parameters, new QueryCause("township-01", "new-application"));

        awaited.Select(a => a.Source).Order().ShouldBe(["bank:CCB", "bank:CCB", "bank:ICBC", "bank:ICBC", "housing-fund", "housing-fund"]);
        Added<AgencyQuery>().Select(q => q.Agency).Order().ShouldBe(["bank:CCB", "bank:ICBC", "housing-fund"]);
        var sent = Added<OutboxMessage>().Select(m => (m.Destination, JsonSerializer.Deserialize<QueryAgency>(m.Body, HubJson.Options)!.Agency)).Order().ToList();
        sent.ShouldBe([("queue:agency-bank", "bank:CCB"), ("queue:agency-bank", "bank:ICBC"), ("queue:agency-housing-fund", "housing-fund")]);
    }

    [Fact]
    public void Questions_are_held_until_released_and_their_message_carries_the_question_id()
    {
        var (batch, members) = Members(3);

        var awaited = Planner([], "tax").Plan(batch, members, Parameters, new QueryCause("township-01", "new-application"));

        var query = Added<AgencyQuery>().ShouldHaveSingleItem();
        (query.SentAtUtc, query.DeadlineUtc, query.SweepAtUtc).ShouldBe((null, null, null));
        awaited.ShouldAllBe(a => a.QueryId == query.Id);
        var message = Added<OutboxMessage>().ShouldHaveSingleItem();
        message.Held.ShouldBeTrue();
        message.Id.ShouldBe(query.Id);
    }

    [Fact]
    public void Other_agencies_are_their_own_single_source()
    {
        var (batch, members) = Members(1);

        var awaited = Planner([], "social-security").Plan(batch, members, Parameters, new QueryCause("township-01", "new-application"));

        awaited.ShouldHaveSingleItem().Source.ShouldBe("social-security");
        Added<OutboxMessage>().ShouldHaveSingleItem().Destination.ShouldBe("queue:agency-social-security");
    }

    public void Dispose()
    {
        _db.Dispose();
        _signal.Dispose();
        _held.Dispose();
        _connection.Dispose();
    }

    private AgencyQueryPlanner Planner(Dictionary<string, string?> settings, params string[] agencies)
    {
        var verification = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(VerificationOptions.Section).Get<VerificationOptions>() ?? new VerificationOptions();
        verification.Agencies = [.. agencies];
        var options = Options.Create(verification);
        return new AgencyQueryPlanner(
            _db,
            new HubMessages(_db, _signal, _held, TimeProvider.System),
            options,
            TimeProvider.System);
    }

    private List<T> Added<T>()
        where T : class =>
        [.. _db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    private static (Batch Batch, List<Member> Members) Members(int count)
    {
        var batch = new Batch { Id = Guid.NewGuid(), Township = "220105001", Purpose = "test", AsOf = new DateOnly(2026, 11, 1), PolicyName = "test" };
        var household = new Household { Id = Guid.NewGuid(), BatchId = batch.Id, Ref = "H-1" };
        var roundId = Guid.NewGuid();
        var members = Enumerable.Range(0, count)
            .Select(i => new Member { Id = Guid.NewGuid(), HouseholdId = household.Id, RoundId = roundId, Ordinal = i, IdNumber = $"22010519800315{i:0000}", IdHash = TestPersonalData.Hash($"22010519800315{i:0000}"), Name = "测试", Relation = "self" })
            .ToList();
        return (batch, members);
    }
}
