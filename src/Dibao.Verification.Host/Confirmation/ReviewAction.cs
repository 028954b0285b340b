namespace Dibao.Verification.Host.Confirmation;

/// <summary>What a reviewer can decide on a case.</summary>
public enum ReviewAction
{
    Confirm = 1,
    Return = 2,
    Amend = 3,
}
