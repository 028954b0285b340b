namespace Dibao.Verification.Host.Verification;

/// <summary>One question sent to one agency about a set of members; the agency's answer carries its id back.</summary>
public sealed class AgencyQuery
{
    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public required string Agency { get; init; }
    public DateTime SentAtUtc { get; init; }
    public DateTime DeadlineUtc { get; init; }
    public DateTime? AnsweredAtUtc { get; set; }
    public int? Attempts { get; set; }
}
