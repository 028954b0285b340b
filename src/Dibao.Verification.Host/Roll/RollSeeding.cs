using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Host.Roll;

/// <summary>
/// Fills the roll with households of the sandbox's synthetic population, for benchmarks: written a chunk at a time, each
/// in its own transaction and in bulk, so a million persons never sit in memory.
/// </summary>
public static class RollSeeding
{
    private const int HouseholdsPerChunk = 5000;

    /// <param name="population">The households to take, in order, until <paramref name="persons"/> are seeded.</param>
    /// <returns>The households and persons seeded.</returns>
    public static async Task<(int Households, int Persons)> SeedAsync(
        HubDbContext db, PersonalDataProtector personalData, IEnumerable<SyntheticHousehold> population, string township, int persons, DateOnly today, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var households = 0;
        var seeded = 0;
        var now = DateTime.UtcNow;
        foreach (var chunk in population.TakeWhile(_ => seeded < persons).Select(h =>
        {
            seeded += h.Members.Count;
            return h;
        }).Chunk(HouseholdsPerChunk))
        {
            var rows = new List<RollHousehold>(chunk.Length);
            var members = new List<RollMember>(chunk.Length * 3);
            foreach (var household in chunk)
            {
                var row = new RollHousehold
                {
                    Id = Guid.CreateVersion7(),
                    Township = township,
                    Ref = household.HouseholdRef,
                    Since = new DateOnly(today.Year - 1, 1, 1),
                    ConsentRef = household.ConsentRef,
                    ConsentSignedOn = today,
                    Source = RollSources.Import,
                    JoinedAtUtc = now,
                    JoinedBy = "seed-roll",
                };
                rows.Add(row);
                members.AddRange(household.Members.Select((m, i) => new RollMember
                {
                    Id = Guid.CreateVersion7(),
                    RollHouseholdId = row.Id,
                    Ordinal = i,
                    IdNumber = m.IdNumber,
                    IdHash = personalData.HashIdNumber(m.IdNumber),
                    Name = m.Name,
                    Relation = m.Relation.ToString().ToLowerInvariant(),
                }));
            }

            await db.InTransactionAsync(
                async token =>
                {
                    await db.InsertAsync(rows, token);
                    await db.InsertAsync(members, token);
                    return true;
                },
                cancellationToken);
            households += rows.Count;
            progress?.Report(households);
        }

        return (households, seeded);
    }
}
