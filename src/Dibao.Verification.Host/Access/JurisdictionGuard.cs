using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Access;

/// <summary>
/// Checks that what a caller asks for lies in their jurisdiction. Outside, the endpoint answers as if it did not exist,
/// and the attempt is logged as <see cref="OutsideJurisdictionEvent"/> and audited. What it admits is told to the
/// request's audit too, which records it as a read when the endpoint is an audited read (<see cref="AuditFilter"/>).
/// </summary>
public sealed partial class JurisdictionGuard(HubDbContext db, RequestAudit audit, ILogger<JurisdictionGuard> logger)
{
    public const int OutsideJurisdictionEventId = 4040;
    public const string OutsideJurisdictionEvent = "AccessOutsideJurisdiction";

    public async Task<bool> BatchAsync(Caller caller, Guid batchId, CancellationToken cancellationToken) =>
        Admits(caller, "batch", batchId.ToString(), await db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Township).SingleOrDefaultAsync(cancellationToken));

    public async Task<bool> CaseAsync(Caller caller, Guid caseId, CancellationToken cancellationToken) =>
        Admits(caller, "case", caseId.ToString(), await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Township).SingleOrDefaultAsync(cancellationToken));

    public async Task<bool> StaffRelativeAsync(Caller caller, Guid entryId, CancellationToken cancellationToken) =>
        Admits(caller, "staff relative", entryId.ToString(), await db.StaffRelatives.AsNoTracking().Where(r => r.Id == entryId).Select(r => r.Jurisdiction).SingleOrDefaultAsync(cancellationToken));

    /// <summary>Whether the caller keeps what lies in <paramref name="jurisdiction"/> (a register entry); logged when not.</summary>
    public bool Keeps(Caller caller, string jurisdiction, string resource) => Admits(caller, resource, jurisdiction, jurisdiction);

    /// <summary>The jurisdiction a list is read in (see <see cref="Caller.Narrow"/>); null, and logged, when the filter lies outside.</summary>
    public string? Scope(Caller caller, string? filter, string resource)
    {
        var scope = caller.Narrow(filter);
        if (scope is null)
        {
            Refuse(caller, resource, filter!, filter!);
        }
        else
        {
            audit.Admitted($"{resource}:{scope}", scope);
        }

        return scope;
    }

    /// <summary>Only a township's own caseworker submits its batches.</summary>
    public bool SubmitsFor(Caller caller, string township)
    {
        if (township.Trim() == caller.Jurisdiction)
        {
            return true;
        }

        Refuse(caller, "batch submission", township, township);
        return false;
    }

    private bool Admits(Caller caller, string resource, string resourceId, string? township)
    {
        if (township is null)
        {
            return false;
        }

        if (!caller.Covers(township))
        {
            Refuse(caller, resource, resourceId, township);
            return false;
        }

        audit.Admitted($"{resource}:{resourceId}", township);
        return true;
    }

    private void Refuse(Caller caller, string resource, string resourceId, string township)
    {
        LogOutside(logger, caller.User, caller.Role, caller.Jurisdiction, resource, resourceId, township);
        audit.Denied(caller, $"{resource}:{resourceId}", township, Problems.ProblemCodes.OutsideJurisdiction);
    }

    [LoggerMessage(EventId = OutsideJurisdictionEventId, EventName = OutsideJurisdictionEvent, Level = LogLevel.Warning,
        Message = "Access outside jurisdiction refused: {User} ({Role}, {Jurisdiction}) asked for {Resource} {ResourceId} of {Township}")]
    private static partial void LogOutside(ILogger logger, string user, string role, string jurisdiction, string resource, string resourceId, string township);
}
