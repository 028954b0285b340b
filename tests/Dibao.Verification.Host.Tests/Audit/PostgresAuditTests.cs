using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Audit;

/// <summary>The audit trail on a real PostgreSQL server shared by two hub instances appending at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTests(PostgresCluster cluster)
{
    private const int AppendersPerInstance = 4;
    private const int AppendsEach = 15;
    private const int EntriesPerAppend = 3;

    [PostgresFact]
    public async Task Two_instances_appending_at_once_make_one_intact_chain_with_every_entry_once()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var first = HubDatabase.Services("Postgres", database, (services, _) => services.AddTestAudit());
        await using var second = HubDatabase.Services("Postgres", database, (services, _) => services.AddTestAudit());
        await HubDatabase.MigrateAsync(first);

        await Task.WhenAll(new[] { first, second }.SelectMany((instance, i) => Enumerable.Range(0, AppendersPerInstance).Select(appender => Task.Run(async () =>
        {
            for (var n = 0; n < AppendsEach; n++)
            {
                await using var scope = instance.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(
                    [.. Enumerable.Range(0, EntriesPerAppend).Select(e => new AuditEntry
                    {
                        AtUtc = DateTime.UtcNow,
                        Kind = AuditKinds.Read,
                        User = $"instance-{i}-appender-{appender}",
                        Township = "220105001",
                        Subject = $"case:{Guid.NewGuid()}",
                        Detail = $"{n}.{e}",
                    })],
                    CancellationToken.None);
            }
        }))));

        const int expected = 2 * AppendersPerInstance * AppendsEach * EntriesPerAppend;
        await using var scope = second.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        result.ShouldBe(new AuditVerification(true, expected, null, result.HeadHash));
        var entries = await HubDatabase.InScopeAsync(first, db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, expected).Select(i => (long)i));
        entries.GroupBy(e => (e.User, e.Detail)).ShouldAllBe(g => g.Count() == 1);

        // Each append's entries lie together: an appender holds the head until it commits.
        entries.Chunk(EntriesPerAppend).ShouldAllBe(c => c.Select(e => e.User).Distinct().Count() == 1);
    }
}
