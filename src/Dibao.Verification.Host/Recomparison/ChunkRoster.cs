using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Roll;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// The persons a chunk asks the agencies about, in the order asked: its households' members, leaving out households whose
/// authorization was no longer valid on the day the chunk was taken. Worked out the same way when the chunk is taken and
/// when it is compared, so each question's answer is matched to the persons it was about by position and count alone.
/// </summary>
public static class ChunkRoster
{
    /// <param name="households">The chunk's roll households, in the order the database gave them.</param>
    public static IReadOnlyList<ChunkHousehold> Of(
        IEnumerable<RollHousehold> households, ILookup<Guid, RollMember> members, DateOnly askedOn, ConsentOptions consent) =>
        [.. households.Select(h => new ChunkHousehold(h, [.. members[h.Id].OrderBy(m => m.Ordinal)], consent.IsValid(h.ConsentSignedOn, askedOn)))];
}
