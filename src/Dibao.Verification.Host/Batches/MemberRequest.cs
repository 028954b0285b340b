namespace Dibao.Verification.Host.Batches;

public sealed record MemberRequest
{
    public string? IdNumber { get; init; }
    public string? Name { get; init; }
    public string? Relation { get; init; }
}
