namespace Dibao.Verification.Host.Confirmation;

/// <summary>The body of <c>POST /api/v1/cases/{caseId}/decisions</c>. The reviewer is the signed-in user.</summary>
public sealed record DecisionRequest
{
    /// <summary>Optional: <c>township</c>, <c>county</c> or <c>city</c>, which must be the caller's role's tier.</summary>
    public string? Tier { get; init; }

    /// <summary><c>confirm</c>, <c>return</c> or <c>amend</c>.</summary>
    public string? Action { get; init; }

    /// <summary><c>pass</c> or <c>fail</c>; for <c>amend</c> only.</summary>
    public string? Outcome { get; init; }

    /// <summary>Required for <c>return</c> and <c>amend</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// A renewed authorization, for a township's return for re-verification only: needed once the household's has run out,
    /// since no agency may be asked about it without one.
    /// </summary>
    public string? ConsentRef { get; init; }

    /// <summary>When the renewed authorization was signed; today when not given.</summary>
    public DateOnly? ConsentSignedOn { get; init; }

    /// <summary>When given, the case's version must still be this one.</summary>
    public int? Version { get; init; }
}
