using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Cli;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Audit;

/// <summary>
/// The audit trail's chain on a real SQLite database, tampered with directly in SQL as someone with access to the
/// database would: the check, through the service and the <c>verify-audit</c> command, names the first broken entry.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private const int Entries = 10;
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-audit-").FullName;
    private readonly ServiceProvider _services;

    public AuditChainTests()
    {
        _services = HubDatabase.Services("Sqlite", ConnectionString, (services, _) => services.AddTestAudit());
    }

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "hub.db")}";

    [Fact]
    public async Task Entries_appended_in_several_transactions_make_one_intact_chain_numbered_without_gaps()
    {
        await SeedAsync();

        var result = await VerifyAsync();

        result.ShouldBe(new AuditVerification(true, Entries, null, result.HeadHash));
        var stored = await HubDatabase.InScopeAsync(_services, db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        stored.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, Entries).Select(i => (long)i));
        stored[0].PreviousHash.ShouldBe(AuditChain.Genesis);
        stored.Skip(1).Select(e => e.PreviousHash).ShouldBe(stored.SkipLast(1).Select(e => e.Hash));
        result.HeadHash.ShouldBe(stored[^1].Hash);
    }

    [Theory]
    [InlineData("edited", """UPDATE "AuditEntries" SET "User" = 'someone-else' WHERE "Sequence" = 4""", 4)]
    [InlineData("edited time", """UPDATE "AuditEntries" SET "AtUtc" = '2026-01-01 00:00:00' WHERE "Sequence" = 7""", 7)]
    [InlineData("deleted", """DELETE FROM "AuditEntries" WHERE "Sequence" = 5""", 5)]
    [InlineData("deleted last", """DELETE FROM "AuditEntries" WHERE "Sequence" = 10""", 10)]
    [InlineData("inserted in the middle", """
        UPDATE "AuditEntries" SET "Sequence" = "Sequence" + 1000 WHERE "Sequence" > 5;
        UPDATE "AuditEntries" SET "Sequence" = "Sequence" - 999 WHERE "Sequence" > 1000;
        INSERT INTO "AuditEntries" ("Sequence", "AtUtc", "Kind", "User", "Township", "PreviousHash", "Hash")
            SELECT 6, "AtUtc", 'read', 'intruder', "Township", "Hash", "Hash" FROM "AuditEntries" WHERE "Sequence" = 5;
        """, 6)]
    public async Task A_tampered_entry_breaks_the_chain_there(string tampering, string sql, long firstBroken)
    {
        await SeedAsync();

        await HubDatabase.InScopeAsync(_services, db => db.Database.ExecuteSqlRawAsync(sql));

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse(tampering);
        result.FirstBroken.ShouldNotBeNull().Sequence.ShouldBe(firstBroken, tampering);
        result.Entries.ShouldBe(firstBroken - 1, tampering);
    }

    /// <summary>Even an entry chained correctly to the last one is refused: the chain head, changed only with the entries, does not name it.</summary>
    [Fact]
    public async Task An_entry_appended_behind_the_trails_back_is_found_beyond_the_chain_head()
    {
        await SeedAsync();
        var last = await HubDatabase.InScopeAsync(_services, db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == Entries));
        var forged = new AuditEntry { Sequence = Entries + 1, AtUtc = last.AtUtc, Kind = AuditKinds.Read, User = "intruder", Township = last.Township, PreviousHash = last.Hash };
        forged.Hash = AuditChain.Hash(last.Hash, forged);
        await HubDatabase.InScopeAsync(_services, async db =>
        {
            db.AuditEntries.Add(forged);
            return await db.SaveChangesAsync();
        });

        (await VerifyAsync()).FirstBroken.ShouldNotBeNull().Sequence.ShouldBe(Entries + 1);
    }

    [Fact]
    public async Task The_verify_audit_command_exits_0_when_intact_and_1_naming_the_first_broken_entry()
    {
        await SeedAsync();
        string[] args = [$"--Database:ConnectionString={ConnectionString}"];

        var (intact, intactOutput, _) = await RunCommandAsync(args);
        await HubDatabase.InScopeAsync(_services, db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Outcome" = 'answered:no-records' WHERE "Sequence" = 3"""));
        var (broken, brokenOutput, _) = await RunCommandAsync(args);

        intact.ShouldBe(0, intactOutput);
        intactOutput.ShouldContain($"intact: {Entries} entries");
        broken.ShouldBe(1, brokenOutput);
        brokenOutput.ShouldContain("BROKEN at entry 3");
    }

    [Fact]
    public async Task The_verify_audit_command_exits_2_on_a_database_without_the_trail()
    {
        var (exit, _, error) = await RunCommandAsync([$"--Database:ConnectionString=Data Source={Path.Combine(_folder, "empty.db")}"]);

        exit.ShouldBe(VerifyAuditCommand.Unreadable);
        error.ShouldContain("migrate");
    }

    private static async Task<(int Exit, string Output, string Error)> RunCommandAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VerifyAuditCommand.RunAsync(["--environment=Testing", .. args], output, error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Ten entries, appended three, three and four at a time, as the hub's transactions append them.</summary>
    private async Task SeedAsync()
    {
        await HubDatabase.MigrateAsync(_services);
        var start = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        foreach (var slice in new[] { Enumerable.Range(0, 3), Enumerable.Range(3, 3), Enumerable.Range(6, Entries - 6) })
        {
            await using var scope = _services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(
                [.. slice.Select(i => new AuditEntry
                {
                    AtUtc = start.AddSeconds(i),
                    Kind = AuditKinds.AgencyQuery,
                    User = "township-01",
                    Township = "220105001",
                    Subject = $"household:{Guid.NewGuid()}",
                    Purpose = "new-application",
                    PersonHash = new PersonHasher(TestAudit.PersonKey).Hash($"22010519800315{i:D4}"),
                    Agency = "tax",
                    Outcome = "answered:records-found",
                    Detail = "query 1",
                })],
                CancellationToken.None);
        }
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
