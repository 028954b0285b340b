using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.PublicNotice;

/// <summary>
/// The public notice (公示) between a pass (the county's, or the city's of a county's fail) and the city's signature:
/// the list offices post, the objections the township records, and the end of a notice that ran its days without one.
/// Each change is one unit of work checked against the case's version, so an objection and the notice's end at the
/// same moment cannot both win.
/// </summary>
public sealed partial class PublicNotices(
    HubDbContext db,
    CaseWorkflow workflow,
    CaseDeadlines deadlines,
    HubMessages messages,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<PublicNotices> logger)
{
    private const int MaxReasonLength = 1000;

    /// <summary>
    /// The households on notice in the townships under <paramref name="jurisdiction"/>, names and numbers masked: from the
    /// pass that posts them to their last day. A notice past its last day is no longer posted, though the case waits on
    /// notice for the job to send it on, as the case views say.
    /// </summary>
    public Task<NoticeList> ListAsync(string jurisdiction, CancellationToken cancellationToken) =>
        db.ReadInSnapshotAsync(async token =>
        {
            var today = deadlines.Today;
            var cases = await db.Cases.AsNoTracking()
                .Where(c => c.State == CaseState.OnNotice && c.NoticeTo >= today && c.Township.StartsWith(jurisdiction))
                .OrderBy(c => c.Township).ThenBy(c => c.HouseholdRef)
                .ToListAsync(token);
            var householdIds = cases.Select(c => c.HouseholdId).ToList();

            // The members of the round passed, which is the household's current one while it is on notice.
            var members = (await db.Members.AsNoTracking()
                    .Join(db.Households.Where(h => householdIds.Contains(h.Id)), m => m.RoundId, h => h.CurrentRoundId, (m, h) => m)
                    .ToListAsync(token))
                .ToLookup(m => m.HouseholdId);
            return new NoticeList(jurisdiction, today, [.. cases.Select(c => new NoticeItem(
                c.Id,
                c.HouseholdRef,
                c.Township,
                [.. members[c.HouseholdId].OrderBy(m => m.Ordinal).Select(m => new NoticeMember(PersonName.Mask(m.Name), IdentityNumber.Mask(m.IdNumber), m.Relation))],
                c.NoticeFrom!.Value,
                c.NoticeTo!.Value))]);
        }, cancellationToken);

    /// <summary>The township records an objection raised during the notice; the case goes back to the county.</summary>
    public async Task<CaseCommandResult> ObjectAsync(Guid caseId, ObjectionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
        {
            return CaseCommandResult.Invalid($"异议必须写明理由 reason，且不超过{MaxReasonLength}个字符");
        }

        var result = await db.InTransactionAsync(async token =>
        {
            var @case = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, token);
            if (@case is null)
            {
                return CaseCommandResult.NotFound;
            }

            if (request.Version is { } version && version != @case.Version)
            {
                return CaseCommandResult.Conflict(ProblemCodes.StaleVersion, "案件已被他人更新（版本已变化），异议未登记；请刷新后重试");
            }

            var before = @case.Version;
            var transition = @case.Objected(request.Reason, caller.User, clock.GetUtcNow().UtcDateTime, deadlines.Today);
            if (!transition.Accepted)
            {
                return CaseCommandResult.Refused(transition);
            }

            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CaseCommandResult.Conflict(ProblemCodes.StaleVersion, "案件已被他人更新（版本已变化），异议未登记；请刷新后重试");
            }

            await audit.AppendAsync([new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                Kind = AuditKinds.Objection,
                User = caller.User,
                Role = caller.Role,
                Jurisdiction = caller.Jurisdiction,
                Township = @case.Township,
                Subject = "case:" + @case.Id,
                Outcome = CaseActions.Objection,
                Detail = $"tier county; version {before}; household {@case.HouseholdId}",
            }], token);
            return CaseCommandResult.Done;
        }, cancellationToken);
        if (result == CaseCommandResult.Done)
        {
            LogObjection(logger, caseId, caller.User);
        }

        return result;
    }

    /// <summary>Sends every case whose notice ended before today to the city, where clean ones may confirm themselves.</summary>
    /// <returns>How many cases left the notice.</returns>
    public async Task<int> EndDueAsync(CancellationToken cancellationToken)
    {
        var ended = await db.RunAsync(async token =>
        {
            var today = deadlines.Today;
            var due = await db.Cases.Include(c => c.History)
                .Where(c => c.State == CaseState.OnNotice && c.NoticeTo < today)
                .ToListAsync(token);
            foreach (var @case in due)
            {
                @case.NoticeEnded(clock.GetUtcNow().UtcDateTime);
                await workflow.ArrivedAsync(@case, await workflow.ReasonCodesAsync(@case, token), token);
            }

            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An objection was recorded on one of them meanwhile; the next run ends whatever is still due.
                db.ChangeTracker.Clear();
                return [];
            }

            return due;
        }, cancellationToken);
        if (ended.Count > 0)
        {
            messages.Flush();
        }

        foreach (var @case in ended)
        {
            LogNoticeEnded(logger, @case.Id, @case.HouseholdRef, @case.NoticeTo!.Value);
        }

        return ended.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: objection recorded during the public notice by {By}; back to the county")]
    private static partial void LogObjection(ILogger logger, Guid caseId, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} of household {HouseholdRef}: public notice ended on {NoticeTo} without objection; now at the city")]
    private static partial void LogNoticeEnded(ILogger logger, Guid caseId, string householdRef, DateOnly noticeTo);
}
