namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>
/// One close relative of one staff member on the register (近亲属备案). Removing an entry marks it removed, with who and
/// when, rather than deleting it: who was on the register when a case was signed stays known.
/// </summary>
public sealed class StaffRelative
{
    public Guid Id { get; init; }

    /// <summary>The staff member, as their tokens name the user.</summary>
    public required string StaffUser { get; init; }

    /// <summary>The relative's identity number as <see cref="IdentityLookup"/> stores it for lookups.</summary>
    public required string IdKey { get; init; }

    /// <summary>What the register shows of the number.</summary>
    public required string IdNumberMasked { get; init; }

    public required string Relation { get; init; }

    /// <summary>Where the staff member works (city 4, county 6 or township 9 digits); admins keep the entries within theirs.</summary>
    public required string Jurisdiction { get; init; }

    public required string RegisteredBy { get; init; }
    public DateTime RegisteredAtUtc { get; init; }
    public string? RemovedBy { get; private set; }
    public DateTime? RemovedAtUtc { get; private set; }

    public void Remove(string by, DateTime now)
    {
        RemovedBy = by;
        RemovedAtUtc = now;
    }
}
