namespace Dibao.Verification.Host.Audit;

/// <summary>What an audit entry records.</summary>
public static class AuditKinds
{
    /// <summary>One person asked of one agency, with what came back.</summary>
    public const string AgencyQuery = "agency-query";

    /// <summary>An answer that came after the question was settled, kept as late evidence.</summary>
    public const string LateAnswer = "late-answer";

    /// <summary>A reviewer's confirm, return or amend.</summary>
    public const string Decision = "decision";

    public const string Correction = "correction";

    /// <summary>The township recorded an objection raised during a case's public notice (公示).</summary>
    public const string Objection = "objection";

    /// <summary>The township recorded an applicant's dispute of a finding (复查).</summary>
    public const string Dispute = "dispute";

    /// <summary>The township recorded a recipient household's newly signed authorization on the roll (授权书续签).</summary>
    public const string AuthorizationRenewal = "authorization-renewal";

    /// <summary>A batch, a case or a list of them (or the trail itself) was read.</summary>
    public const string Read = "read";

    /// <summary>A role refused an endpoint, or a caller refused something outside their jurisdiction.</summary>
    public const string AccessDenied = "access-denied";
}
