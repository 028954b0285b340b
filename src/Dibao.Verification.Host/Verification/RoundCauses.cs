namespace Dibao.Verification.Host.Verification;

/// <summary>Why a round of verification started, as the API names it.</summary>
public static class RoundCauses
{
    public const string Submission = "submission";
    public const string Correction = "correction";
    public const string Reverification = "reverification";

    /// <summary>An applicant disputed one agency's finding (复查): that agency is asked again.</summary>
    public const string Dispute = "dispute";
}
