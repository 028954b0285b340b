namespace Dibao.Verification.Domain.Policy;

/// <param name="StaffTies">Members registered as close relatives of staff (近亲属备案); none when null.</param>
/// <param name="Enrolments">Members on the recipient roll in another household; none when null.</param>
public sealed record HouseholdEvidence(
    DateOnly AsOf, IReadOnlyList<MemberEvidence> Members, IReadOnlyList<StaffTie>? StaffTies = null, IReadOnlyList<Enrolment>? Enrolments = null);
