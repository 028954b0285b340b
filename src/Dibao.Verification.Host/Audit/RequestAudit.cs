using Dibao.Verification.Host.Access;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// What one request has to say to the audit trail, gathered as the request runs: what the jurisdiction checks admitted
/// (recorded as a read when an audited read succeeds) and what they refused (recorded always). <see cref="AuditFilter"/>
/// appends it before the answer is written, so nothing is shown that is not audited.
/// </summary>
public sealed class RequestAudit(TimeProvider clock)
{
    private readonly List<AuditEntry> _denied = [];
    private readonly List<(string Subject, string Township)> _admitted = [];
    private string? _person;

    /// <param name="subject"><c>batch:&lt;id&gt;</c>, <c>case:&lt;id&gt;</c>, or a list and the jurisdiction it was read in.</param>
    /// <param name="township">The township of what was admitted, or the jurisdiction a list was read in.</param>
    public void Admitted(string subject, string township) => _admitted.Add((subject, township));

    /// <summary>The read looked up one person, named in its entry by their hash.</summary>
    public void About(string personHash) => _person = personHash;

    public void Denied(Caller caller, string subject, string township, string outcome) =>
        _denied.Add(Entry(caller.User, caller.Role, caller.Jurisdiction, AuditKinds.AccessDenied, subject, township, outcome, null, null));

    /// <param name="read">Whether the request was an audited read that succeeded.</param>
    /// <param name="request">The method and path, never the query string (an auditor's lookup carries an identity number).</param>
    public IReadOnlyList<AuditEntry> Take(Caller? caller, bool read, string request)
    {
        var entries = _denied.Select(e => Entry(e.User, e.Role, e.Jurisdiction, e.Kind, e.Subject, e.Township, e.Outcome, e.PersonHash, request)).ToList();
        if (read && caller is not null)
        {
            entries.AddRange(_admitted.Select(a => Entry(caller.User, caller.Role, caller.Jurisdiction, AuditKinds.Read, a.Subject, a.Township, "200", _person, request)));
        }

        _denied.Clear();
        _admitted.Clear();
        return entries;
    }

    /// <summary>An entry for a refusal before any endpoint ran: a role the endpoint does not admit.</summary>
    public static AuditEntry RoleRefused(DateTime now, string user, string role, string jurisdiction, string request) => new()
    {
        AtUtc = now,
        Kind = AuditKinds.AccessDenied,
        User = AuditEntry.Clip(user, Caller.MaxUserLength)!,
        Role = AuditEntry.Clip(role, 32),
        Jurisdiction = AuditEntry.Clip(jurisdiction, 9),
        Township = AuditEntry.Clip(jurisdiction, 9)!,
        Outcome = Problems.ProblemCodes.RoleNotPermitted,
        Detail = AuditEntry.Clip(request, AuditEntry.MaxDetailLength),
    };

    private AuditEntry Entry(string user, string? role, string? jurisdiction, string kind, string? subject, string township, string? outcome, string? personHash, string? request) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        Kind = kind,
        User = user,
        Role = role,
        Jurisdiction = jurisdiction,
        Township = AuditEntry.Clip(township, 9)!,
        Subject = AuditEntry.Clip(subject, AuditEntry.MaxSubjectLength),
        PersonHash = personHash,
        Outcome = outcome,
        Detail = AuditEntry.Clip(request, AuditEntry.MaxDetailLength),
    };
}
