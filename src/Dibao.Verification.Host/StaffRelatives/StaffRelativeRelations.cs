namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>A relative's relation to the staff member: the close relatives of the Civil Code (art. 1045), in-laws, or other.</summary>
public static class StaffRelativeRelations
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "spouse", "parent", "child", "sibling", "grandparent", "grandchild", "in-law", "other",
    };
}
