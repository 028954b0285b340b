namespace Dibao.Verification.Sandbox.Population;

/// <summary>Relation of a member to the applicant (申请人).</summary>
public enum HouseholdRelation
{
    Self,
    Spouse,
    Child,
    Parent,
    Other,
}
