namespace Dibao.Verification.Host.Roll;

/// <param name="CaseId">The confirmed case the household joined by; null when imported.</param>
/// <param name="ConsentValidUntil">The last day its authorization lets the nightly run ask about it.</param>
/// <param name="Baseline">What the nightly run compares an imported household's income per head with; null for one joined by a confirmation (its case is its evidence), or not yet compared unchanged.</param>
public sealed record RollHouseholdView(
    Guid RollId,
    string Township,
    string Ref,
    DateOnly Since,
    string Source,
    Guid? CaseId,
    DateTime JoinedAt,
    string ConsentRef,
    DateOnly ConsentSignedOn,
    DateOnly ConsentValidUntil,
    IReadOnlyList<RollMemberView> Members,
    RollBaselineView? Baseline);
