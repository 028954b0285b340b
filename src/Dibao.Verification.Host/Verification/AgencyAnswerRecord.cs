using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>What one agency said about one member, and when; awaited until it answers or its deadline passes.</summary>
public sealed class AgencyAnswerRecord
{
    public Guid Id { get; init; }
    public Guid QueryId { get; init; }
    public Guid BatchId { get; init; }
    public Guid HouseholdId { get; init; }
    public Guid MemberId { get; init; }
    public required string Source { get; init; }
    public required string IdNumber { get; init; }
    public DateTime DeadlineUtc { get; init; }

    public AnswerState State { get; set; } = AnswerState.Awaited;
    public FindingKind? Kind { get; set; }
    public string? RefusalCode { get; set; }

    /// <summary>The facts in the hub's vocabulary, as JSON: what the agency said, kept to explain the result.</summary>
    public string? FactsJson { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }
}
