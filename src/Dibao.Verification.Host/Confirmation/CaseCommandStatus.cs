namespace Dibao.Verification.Host.Confirmation;

public enum CaseCommandStatus
{
    Done = 1,
    NotFound = 2,

    /// <summary>The request itself is malformed (400).</summary>
    Invalid = 3,

    /// <summary>The case is not where the request assumes, or another reviewer changed it first (409).</summary>
    Conflict = 4,

    /// <summary>The caller may not do this to this case, whatever its state (403): a second tier's signature.</summary>
    Forbidden = 5,
}
