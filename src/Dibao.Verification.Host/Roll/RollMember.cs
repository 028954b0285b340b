namespace Dibao.Verification.Host.Roll;

/// <summary>A member of a household on the roll, as last confirmed or imported.</summary>
public sealed class RollMember
{
    public Guid Id { get; init; }
    public Guid RollHouseholdId { get; init; }
    public int Ordinal { get; init; }
    public required string IdNumber { get; init; }

    /// <summary>The keyed hash of <see cref="IdNumber"/>, by which the roll is searched: the number itself is stored encrypted.</summary>
    public required string IdHash { get; init; }

    public required string Name { get; init; }
    public required string Relation { get; init; }
}
