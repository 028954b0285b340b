namespace Dibao.Verification.Host.Confirmation;

public enum AutoConfirmMode
{
    /// <summary>Every case waits for a reviewer at this tier.</summary>
    Never = 1,

    /// <summary>
    /// A case whose outcome is pass or fail, with no reason asking for a human look and no amendment, is confirmed
    /// by the hub on arrival; the rest wait for a reviewer.
    /// </summary>
    Clean = 2,
}
