namespace Dibao.Verification.Host.Confirmation;

/// <summary>Why a case was opened: a household applying, or a recipient whose circumstances changed since confirmed.</summary>
public static class CaseKinds
{
    public const string Application = "application";
    public const string Recomparison = "recomparison";
}
