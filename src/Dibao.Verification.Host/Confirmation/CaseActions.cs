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

    /// <summary>A pass went on public notice (公示), the county's or the city's; the reason gives the period.</summary>
    public const string Notice = "notice";

    /// <summary>The notice ended without objection and the case went to the city.</summary>
    public const string NoticeEnded = "notice-ended";

    /// <summary>The township recorded an objection raised during the notice; the case went back to the county.</summary>
    public const string Objection = "objection";

    /// <summary>The township recorded an applicant's dispute of an agency's finding (复查); that agency is asked again.</summary>
    public const string Dispute = "dispute";

    /// <summary>The re-asked round settled: the reason says whether the outcome changed.</summary>
    public const string DisputeAnswered = "dispute-answered";

    /// <summary>Who signs the hub's own steps: opening, re-verification and auto-confirmation.</summary>
    public const string System = "system";
}
