namespace Dibao.Verification.Domain.Policy;

/// <summary>A member registered as a close relative of a staff member (近亲属备案).</summary>
/// <param name="IdNumber">The member's identity number.</param>
/// <param name="StaffUser">The staff member as their tokens name them.</param>
/// <param name="Relation">The member's relation to the staff member.</param>
/// <param name="Jurisdiction">Where the staff member works.</param>
public sealed record StaffTie(string IdNumber, string StaffUser, string Relation, string Jurisdiction);
