using System.Collections.Concurrent;
using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Tests.Persistence;

namespace Dibao.Verification.Host.Tests.Messaging;

/// <summary>Stored messages for the outbox tests, and claimers racing for them.</summary>
public static class OutboxRows
{
    /// <summary>Stores <paramref name="count"/> unsent announcements, one millisecond apart, as the hub stores them.</summary>
    public static async Task<IReadOnlyList<Guid>> SeedAsync(IServiceProvider services, int count, DateTime? sentAtUtc = null)
    {
        var start = DateTime.UtcNow.AddMinutes(-1);
        var rows = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            MessageType = typeof(CaseOverdue).FullName!,
            Body = JsonSerializer.Serialize(
                new CaseOverdue(Guid.NewGuid(), Guid.NewGuid(), $"H-{i:D6}", "220105001", "township", new DateOnly(2026, 11, 20), false, DateTimeOffset.UtcNow),
                HubJson.Options),
            CreatedAtUtc = start.AddMilliseconds(i),
            SentAtUtc = sentAtUtc,
        }).ToList();
        await HubDatabase.InScopeAsync(services, async db =>
        {
            db.Outbox.AddRange(rows);
            return await db.SaveChangesAsync();
        });
        return [.. rows.Select(r => r.Id)];
    }

    /// <summary>
    /// Until <paramref name="received"/> holds <paramref name="count"/> messages, two minutes at most. Sent is not yet
    /// consumed: the in-memory transport delivers on its own threads, later on a busy machine. The caller asserts the count.
    /// </summary>
    public static async Task ConsumedAsync<T>(IReadOnlyCollection<T> received, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Several claimers, each with a connection of its own, claim pages at once until nothing is left.</summary>
    /// <returns>Every id each claimer got, by claimer.</returns>
    public static async Task<IReadOnlyDictionary<string, List<Guid>>> ClaimConcurrentlyAsync(IServiceProvider services, int claimers, int pageSize)
    {
        var claimed = new ConcurrentDictionary<string, List<Guid>>();
        using var start = new SemaphoreSlim(0, claimers);
        var tasks = Enumerable.Range(0, claimers).Select(i => Task.Run(async () =>
        {
            var claimant = $"claimer-{i}";
            var mine = claimed.GetOrAdd(claimant, _ => []);
            await start.WaitAsync();
            while (true)
            {
                var page = await HubDatabase.InScopeAsync(services, db =>
                    OutboxClaims.ClaimAsync(db, claimant, DateTime.UtcNow, TimeSpan.FromMinutes(5), pageSize, CancellationToken.None));
                if (page.Count == 0)
                {
                    return;
                }

                page.ShouldAllBe(m => m.ClaimedBy == claimant);
                mine.AddRange(page.Select(m => m.Id));
            }
        })).ToList();
        start.Release(claimers);
        await Task.WhenAll(tasks);
        return claimed;
    }
}
