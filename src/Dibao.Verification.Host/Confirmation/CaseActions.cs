namespace Dibao.Verification.Host.Confirmation;

/// <summary>The action words of a case's history.</summary>
public static class CaseActions
{
    /// <summary>The automated verification settled and the case opened, or re-opened after a re-verification.</summary>
    public const string Verified = "verified";

    public const string Confirm = "confirm";
    public const string Return = "return";
    public const string Amend = "amend";

    /// <summary>The township corrected members; the changed ones are verified again.</summary>
    public const string Correct = "correct";

    /// <summary>Who signs the hub's own steps: opening, re-verification and auto-confirmation.</summary>
    public const string System = "system";
}
