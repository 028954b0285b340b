using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Audit;

/// <summary>What a settled round's answers come to in the audit trail.</summary>
public sealed class AgencyQueryAuditTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-query-audit-").FullName;
    private readonly ServiceProvider _services;

    public AgencyQueryAuditTests() =>
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) => services.AddTestAudit());

    [Fact]
    public async Task A_person_asked_of_more_sources_than_one_entry_can_name_takes_several_entries_and_loses_none()
    {
        var sources = Enumerable.Range(1, 40).Select(i => $"bank:BANK{i:00}").ToList();
        var (round, household) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var answers = sources.OrderDescending(StringComparer.Ordinal).Select(source => new SettledAnswer(
            round, household, "person-hash", source, AnswerState.Answered, FindingKind.NoRecords, null,
            new DateTime(2026, 12, 2, 8, 0, 1, DateTimeKind.Utc), null, "township-01", "new-application", "220105001")).ToList();

        await using var scope = _services.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<AgencyQueryAudit>().Settled(answers);

        entries.Count.ShouldBeGreaterThan(1);
        entries.ShouldAllBe(e => e.Detail!.Length <= AuditEntry.MaxDetailLength && e.Detail.StartsWith($"round {round}; ") && e.PersonHash == "person-hash");
        var named = entries.SelectMany(e => e.Detail!.Split("; ").Skip(1)).ToList();
        named.Select(said => said.Split(' ')[0]).ShouldBe(sources, "every source asked for this round, once, in order");
        named.ShouldAllBe(said => said.Contains(" answered:no-records at 2026-12-02T08:00:01Z"));
        entries.Sum(e => int.Parse(e.Outcome!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(sources.Count);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
