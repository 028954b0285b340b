using Dibao.Verification.Host.Roll;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>A roll household of a chunk with its members; <see cref="Asked"/> is false when its authorization had run out.</summary>
public sealed record ChunkHousehold(RollHousehold Household, IReadOnlyList<RollMember> Members, bool Asked);
