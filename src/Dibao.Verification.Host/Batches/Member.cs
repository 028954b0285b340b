namespace Dibao.Verification.Host.Batches;

public sealed class Member
{
    public Guid Id { get; init; }
    public Guid HouseholdId { get; init; }
    public int Ordinal { get; init; }
    public required string IdNumber { get; init; }
    public required string Name { get; init; }
    public required string Relation { get; init; }
}
