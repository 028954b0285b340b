namespace Dibao.Verification.Host.Batches;

public sealed class Member
{
    public Guid Id { get; init; }
    public Guid HouseholdId { get; init; }
    public int Ordinal { get; init; }
    public required string IdNumber { get; init; }
    public required string Name { get; init; }
    public required string Relation { get; init; }

    /// <summary>A member as accepted at submission or in a correction; the request has passed the submission checks.</summary>
    public static Member From(MemberRequest request, Guid householdId, int ordinal) => new()
    {
        Id = Guid.CreateVersion7(),
        HouseholdId = householdId,
        Ordinal = ordinal,
        IdNumber = request.IdNumber!,
        Name = request.Name!,
        Relation = request.Relation!,
    };
}
