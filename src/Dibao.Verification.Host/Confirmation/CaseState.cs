namespace Dibao.Verification.Host.Confirmation;

public enum CaseState
{
    /// <summary>Agencies are being asked again, after a correction or for answers that were missing.</summary>
    Verifying = 1,

    /// <summary>Waiting for a reviewer at the case's tier.</summary>
    AwaitingReview = 2,

    /// <summary>Sent back to the case's tier by the tier above, with a reason.</summary>
    Returned = 3,

    /// <summary>Signed by the city: final.</summary>
    Confirmed = 4,

    /// <summary>Signed as <c>pass</c> and posted publicly (公示) before the city signs it: by the county, or by the city amending a county's fail.</summary>
    OnNotice = 5,
}
