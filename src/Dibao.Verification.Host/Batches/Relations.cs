namespace Dibao.Verification.Host.Batches;

/// <summary>A member's relation to the applicant.</summary>
public static class Relations
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "self", "spouse", "child", "parent", "other",
    };
}
