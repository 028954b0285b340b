namespace Dibao.Verification.Host.Roll;

/// <param name="CaseId">The confirmed case the household joined by; null when imported.</param>
public sealed record RollHouseholdView(
    Guid RollId, string Township, string Ref, DateOnly Since, string Source, Guid? CaseId, DateTime JoinedAt, IReadOnlyList<RollMemberView> Members);
