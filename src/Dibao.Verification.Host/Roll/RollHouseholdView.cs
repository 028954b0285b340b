namespace Dibao.Verification.Host.Roll;

/// <param name="CaseId">The confirmed case the household joined by; null when imported.</param>
/// <param name="ConsentValidUntil">The last day its authorization lets the nightly run ask about it.</param>
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
    IReadOnlyList<RollMemberView> Members);
