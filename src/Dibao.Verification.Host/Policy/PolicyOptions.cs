namespace Dibao.Verification.Host.Policy;

public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>A policy file; empty for the reference policy shipped with the hub.</summary>
    public string Path { get; set; } = "";
}
