using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Audit;

/// <summary>What a settled round leaves in the audit trail, on a real SQLite file.</summary>
public sealed class AgencyQueryAuditTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-query-audit-").FullName;
    private readonly ServiceProvider _services;

    public AgencyQueryAuditTests() =>
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) => services.AddTestAudit());

    [Fact]
    public async Task A_person_asked_of_more_sources_than_one_entry_can_name_takes_several_entries_and_loses_none()
    {
        await HubDatabase.MigrateAsync(_services);
        var sources = Enumerable.Range(1, 40).Select(i => $"bank:BANK{i:00}").ToList();
        var round = await SeedRoundAsync(sources, carried: "bank:BANK07");

        await using var scope = _services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AgencyQueryAudit>().SettledAsync([round], CancellationToken.None);

        entries.Count.ShouldBeGreaterThan(1);
        entries.ShouldAllBe(e => e.Detail!.Length <= AuditEntry.MaxDetailLength && e.Detail.StartsWith($"round {round}; ") && e.PersonHash == "person-hash");
        var named = entries.SelectMany(e => e.Detail!.Split("; ").Skip(1)).ToList();
        named.Select(said => said.Split(' ')[0]).ShouldBe(sources.Where(s => s != "bank:BANK07"), "every source asked for this round, once, in order; the carried one not again");
        named.ShouldAllBe(said => said.Contains(" answered:no-records at 2026-12-02T08:00:01Z"));
        entries.Sum(e => int.Parse(e.Outcome!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(sources.Count - 1);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One person's round, answered with no records by each source; one answer carried from an earlier round.</summary>
    private Task<Guid> SeedRoundAsync(IReadOnlyList<string> sources, string carried) =>
        HubDatabase.InScopeAsync(_services, async db =>
        {
            var batch = new Batch { Id = Guid.CreateVersion7(), Township = "220105001", Purpose = "new-application", AsOf = new DateOnly(2026, 11, 15), PolicyName = "test", SubmittedAtUtc = DateTime.UtcNow };
            var (household, round, member) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            db.Batches.Add(batch);
            foreach (var source in sources)
            {
                var query = new AgencyQuery { Id = Guid.CreateVersion7(), BatchId = batch.Id, Agency = source, SentAtUtc = DateTime.UtcNow, RequestedBy = "township-01", Purpose = "new-application" };
                db.AgencyQueries.Add(query);
                db.AgencyAnswers.Add(new AgencyAnswerRecord
                {
                    Id = Guid.CreateVersion7(),
                    QueryId = query.Id,
                    BatchId = batch.Id,
                    HouseholdId = household,
                    RoundId = round,
                    MemberId = member,
                    Source = source,
                    IdHash = "person-hash",
                    State = AnswerState.Answered,
                    Kind = FindingKind.NoRecords,
                    AnsweredAtUtc = new DateTime(2026, 12, 2, 8, 0, 1, DateTimeKind.Utc),
                    Carried = source == carried,
                });
            }

            await db.SaveChangesAsync();
            return round;
        });
}
