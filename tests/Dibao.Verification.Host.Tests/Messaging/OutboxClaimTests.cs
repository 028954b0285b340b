using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Messaging;

/// <summary>The outbox's claims and purge on the embedded SQLite default, with a connection per claimer as several hub processes would have.</summary>
public sealed class OutboxClaimTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-outbox-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}");
        await HubDatabase.MigrateAsync(_services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Claimers_racing_for_the_same_rows_each_get_different_ones_and_together_all()
    {
        var ids = await OutboxRows.SeedAsync(_services, 600);

        var claimed = await OutboxRows.ClaimConcurrentlyAsync(_services, claimers: 4, pageSize: 25);

        var all = claimed.Values.SelectMany(c => c).ToList();
        all.Count.ShouldBe(ids.Count, "no row claimed twice");
        all.Order().ShouldBe(ids.Order());
    }

    [Fact]
    public async Task A_claim_holds_until_its_lease_runs_out_then_another_takes_the_rows_oldest_first()
    {
        var ids = await OutboxRows.SeedAsync(_services, 30);
        var now = DateTime.UtcNow;
        var lease = TimeSpan.FromSeconds(30);

        var first = await Claim("a", now, lease, 10);
        var meanwhile = await Claim("b", now + TimeSpan.FromSeconds(29), lease, 100);
        var afterLease = await Claim("c", now + TimeSpan.FromSeconds(31), lease, 10);

        first.Select(m => m.Id).ShouldBe(ids.Take(10));
        meanwhile.Select(m => m.Id).ShouldBe(ids.Skip(10), "the first ten are still a's");
        afterLease.Select(m => m.Id).ShouldBe(ids.Take(10), "a's lease ran out before it sent them");
        afterLease.ShouldAllBe(m => m.ClaimedBy == "c");
    }

    [Fact]
    public async Task Rows_sent_parked_or_backing_off_are_not_claimed_and_a_released_claim_is_free_at_once()
    {
        var ids = await OutboxRows.SeedAsync(_services, 4);
        var now = DateTime.UtcNow;
        await HubDatabase.InScopeAsync(_services, async db =>
        {
            await db.Outbox.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAtUtc, now));
            await db.Outbox.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.ParkedAtUtc, now));
            return await db.Outbox.Where(m => m.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, now.AddMinutes(1)));
        });

        (await Claim("a", now, TimeSpan.FromMinutes(5), 10)).Select(m => m.Id).ShouldBe([ids[3]]);
        (await Claim("b", now, TimeSpan.FromMinutes(5), 10)).ShouldBeEmpty();
        await HubDatabase.InScopeAsync(_services, db => OutboxClaims.ReleaseAsync(db, "a", CancellationToken.None));
        (await Claim("b", now, TimeSpan.FromMinutes(5), 10)).Select(m => m.Id).ShouldBe([ids[3]]);
        (await Claim("c", now.AddMinutes(2), TimeSpan.FromMinutes(5), 10)).Select(m => m.Id).ShouldBe([ids[2]], "its back-off is over");
    }

    [Fact]
    public async Task Sent_rows_older_than_RetainSentFor_are_purged_and_nothing_else()
    {
        var old = await OutboxRows.SeedAsync(_services, 3, sentAtUtc: DateTime.UtcNow.AddDays(-8));
        var recent = await OutboxRows.SeedAsync(_services, 2, sentAtUtc: DateTime.UtcNow.AddDays(-6));
        var unsent = await OutboxRows.SeedAsync(_services, 2);
        var purge = new OutboxPurge(
            _services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new OutboxOptions()), TimeProvider.System, NullLogger<OutboxPurge>.Instance);

        var purged = await purge.PurgeAsync(CancellationToken.None);

        purged.ShouldBe(old.Count);
        var left = await HubDatabase.InScopeAsync(_services, db => db.Outbox.Select(m => m.Id).ToListAsync());
        left.Order().ShouldBe(recent.Concat(unsent).Order());
    }

    [Fact]
    public async Task The_running_purge_takes_a_cancellation_the_host_did_not_ask_for_as_a_failed_purge_and_purges_at_the_next_tick()
    {
        var old = await OutboxRows.SeedAsync(_services, 1, sentAtUtc: DateTime.UtcNow.AddDays(-8));
        var scopes = new ScopesCancelledOnce(_services.GetRequiredService<IServiceScopeFactory>());
        var clock = new TimersOnDemand();
        var purge = new OutboxPurge(scopes, Options.Create(new OutboxOptions()), clock, NullLogger<OutboxPurge>.Instance);

        await purge.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await LeftAsync(old[0]) && !purge.ExecuteTask!.IsCompleted && DateTime.UtcNow < deadline)
            {
                // An hour gone by for the purge's timer, each time round.
                clock.Fire();
                await Task.Delay(50);
            }

            purge.ExecuteTask!.IsCompleted.ShouldBeFalse("a faulted background service stops the hub");
            scopes.Asked.ShouldBeGreaterThan(1);
            (await LeftAsync(old[0])).ShouldBeFalse("purged at the next tick");
        }
        finally
        {
            await purge.StopAsync(CancellationToken.None);
        }
    }

    private Task<bool> LeftAsync(Guid id) => HubDatabase.InScopeAsync(_services, db => db.Outbox.AnyAsync(m => m.Id == id));

    private Task<List<OutboxMessage>> Claim(string claimant, DateTime now, TimeSpan lease, int count) =>
        HubDatabase.InScopeAsync(_services, db => OutboxClaims.ClaimAsync(db, claimant, now, lease, count, CancellationToken.None));
}
