using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>The body of <c>POST /api/v1/cases/{caseId}/corrections</c>: the household's whole member list as it should be.</summary>
public sealed record CorrectionRequest
{
    public List<MemberRequest>? Members { get; init; }
    public string? Reason { get; init; }

    /// <summary>A new authorization: required when a member is added or replaced, since the old one did not cover them.</summary>
    public string? ConsentRef { get; init; }

    /// <summary>When the new authorization was signed; today when not given.</summary>
    public DateOnly? ConsentSignedOn { get; init; }

    /// <summary>When given, the case's version must still be this one.</summary>
    public int? Version { get; init; }
}
