namespace Dibao.Verification.Domain.Policy;

public sealed record HouseholdEvidence(DateOnly AsOf, IReadOnlyList<MemberEvidence> Members);
