using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>A re-comparison chunk of one roll household of two persons, and its question to the tax agency, its deadline passed.</summary>
public static class ChunkQuestion
{
    public const string Township = "220102001";
    public const string Found = "220105198003150011";
    public const string Nothing = "220105198003150022";

    /// <param name="compared">Whether the chunk was compared already, without an answer to the question.</param>
    public static async Task<(Guid Query, Guid Chunk, Guid Household)> SeedAsync(IServiceProvider services, bool compared)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.MigrateAsync();
        var now = DateTime.UtcNow;
        var run = new RecomparisonRun { Id = Guid.CreateVersion7(), Jurisdiction = "2201", AsOf = new DateOnly(2026, 11, 15), RequestedBy = "city-01", StartedAtUtc = now };
        var chunk = new RecomparisonChunk { Id = Guid.CreateVersion7(), RunId = run.Id, Township = Township, LastRef = "H-1", Households = 1, TakenAtUtc = now };
        if (compared)
        {
            chunk.Compared(unchanged: 0, unavailable: 1, now);
        }

        var household = new RollHousehold
        {
            Id = Guid.CreateVersion7(), Township = Township, Ref = "H-1", ConsentRef = "C-1", Source = "test", JoinedBy = "city-01", JoinedAtUtc = now,
        };
        var query = new AgencyQuery
        {
            Id = Guid.CreateVersion7(), BatchId = chunk.Id, Agency = "tax", SentAtUtc = now.AddMinutes(-3), DeadlineUtc = now.AddMinutes(-1),
            RequestedBy = "city-01", Purpose = RecomparisonChunks.Purpose,
        };
        db.AddRange(run, chunk, household, query);
        db.RollMembers.AddRange(new[] { Found, Nothing }.Select((id, i) => new RollMember
        {
            Id = Guid.CreateVersion7(), RollHouseholdId = household.Id, Ordinal = i, IdNumber = id, IdHash = TestPersonalData.Hash(id), Name = "成员", Relation = "self",
        }));
        await db.SaveChangesAsync();
        return (query.Id, chunk.Id, household.Id);
    }
}
