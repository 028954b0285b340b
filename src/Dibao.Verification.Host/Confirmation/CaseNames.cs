namespace Dibao.Verification.Host.Confirmation;

/// <summary>The words of the case API: tiers, states and actions, in lower case as the issue spells them.</summary>
public static class CaseNames
{
    public static string Of(Tier tier) => tier switch
    {
        Tier.Township => "township",
        Tier.County => "county",
        _ => "city",
    };

    /// <summary>
    /// What the views say of a case on notice whose last day is over on the offices' clock: the notice no longer runs (no
    /// objection is taken), but the case stays stored on notice until the notice job sends it on; a view reports that
    /// rather than the notice still running, and writes nothing.
    /// </summary>
    public const string NoticeEnded = "notice-ended";

    /// <summary>The state a view reports on the offices' <paramref name="today"/>.</summary>
    public static string StateOf(Case @case, DateOnly today) => @case.NoticeRanOut(today) ? NoticeEnded : Of(@case.State);

    public static string Of(CaseState state) => state switch
    {
        CaseState.Verifying => "verifying",
        CaseState.AwaitingReview => "awaiting-review",
        CaseState.Returned => "returned",
        CaseState.OnNotice => "on-notice",
        _ => "confirmed",
    };

    public static string Of(ReviewAction action) => action switch
    {
        ReviewAction.Confirm => CaseActions.Confirm,
        ReviewAction.Return => CaseActions.Return,
        _ => CaseActions.Amend,
    };

    public static string Chinese(Tier tier) => tier switch
    {
        Tier.Township => "乡镇",
        Tier.County => "县级",
        _ => "市级",
    };

    public static bool TryParseTier(string? text, out Tier tier)
    {
        tier = text?.Trim().ToLowerInvariant() switch
        {
            "township" => Tier.Township,
            "county" => Tier.County,
            "city" => Tier.City,
            _ => 0,
        };
        return tier != 0;
    }

    public static bool TryParseState(string? text, out CaseState state)
    {
        state = text?.Trim().ToLowerInvariant() switch
        {
            "verifying" => CaseState.Verifying,
            "awaiting-review" => CaseState.AwaitingReview,
            "returned" => CaseState.Returned,
            "confirmed" => CaseState.Confirmed,
            "on-notice" => CaseState.OnNotice,
            _ => 0,
        };
        return state != 0;
    }

    public static bool TryParseAction(string? text, out ReviewAction action)
    {
        action = text?.Trim().ToLowerInvariant() switch
        {
            "confirm" => ReviewAction.Confirm,
            "return" => ReviewAction.Return,
            "amend" => ReviewAction.Amend,
            _ => 0,
        };
        return action != 0;
    }
}
