namespace Dibao.Verification.Host.Batches;

/// <summary>A member's relation to the applicant.</summary>
public static class Relations
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "self", "spouse", "child", "parent", "other",
    };

    /// <summary>In the offices' words, for the console and the 核对报告.</summary>
    public static string Chinese(string relation) => relation switch
    {
        "self" => "本人",
        "spouse" => "配偶",
        "child" => "子女",
        "parent" => "父母",
        "other" => "其他",
        _ => relation,
    };
}
