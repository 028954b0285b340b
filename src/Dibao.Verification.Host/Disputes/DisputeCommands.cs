using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Disputes;

/// <summary>
/// Records an applicant's dispute (复查) in one unit of work checked against the case's version: the dispute with its
/// deadline, the case waiting for the re-check, and the new round asking the agency again. Audited, signed by the caller.
/// </summary>
public sealed partial class DisputeCommands(
    HubDbContext db,
    CaseReverification reverification,
    DisputeDeadlines deadlines,
    HubMessages messages,
    AuditTrail audit,
    EvaluationQueue evaluations,
    BatchValidator validator,
    IOptions<VerificationOptions> verification,
    IOptions<ConsentOptions> consent,
    PersonalDataProtector personalData,
    TimeProvider clock,
    ILogger<DisputeCommands> logger)
{
    private const int MaxReasonLength = 1000;

    public async Task<CaseCommandResult> RecordAsync(Guid caseId, DisputeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var agency = request.Agency?.Trim().ToLowerInvariant() ?? "";
        if (!verification.Value.Agencies.Contains(agency))
        {
            return CaseCommandResult.Invalid($"agency 必须是本中心查询的部门之一：{string.Join("、", verification.Value.Agencies)}");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
        {
            return CaseCommandResult.Invalid($"复查申请必须写明理由 reason，且不超过{MaxReasonLength}个字符");
        }

        var idNumber = string.IsNullOrWhiteSpace(request.IdNumber) ? null : IdentityNumber.Normalize(request.IdNumber);
        var (result, householdId) = await db.InTransactionAsync(token => RecordOnceAsync(caseId, agency, idNumber, request.Reason.Trim(), request.Version, caller, token), cancellationToken);
        if (result == CaseCommandResult.Done)
        {
            messages.Flush();
            evaluations.Enqueue([householdId]);
            LogDisputed(logger, caseId, agency, idNumber is null ? "every member" : IdentityNumber.Mask(idNumber), caller.User);
        }

        return result;
    }

    private async Task<(CaseCommandResult, Guid)> RecordOnceAsync(Guid caseId, string agency, string? idNumber, string reason, int? version, Caller caller, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            return (CaseCommandResult.NotFound, Guid.Empty);
        }

        if (version is { } expected && expected != @case.Version)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.StaleVersion, "案件已被他人更新（版本已变化），复查申请未登记；请刷新后重试"), Guid.Empty);
        }

        var household = await db.Households.SingleAsync(h => h.Id == @case.HouseholdId, cancellationToken);
        if (idNumber is not null && !await db.Members.AnyAsync(m => m.RoundId == household.CurrentRoundId && m.IdHash == personalData.HashIdNumber(idNumber), cancellationToken))
        {
            return (CaseCommandResult.Invalid("idNumber 不是本户当前成员"), Guid.Empty);
        }

        // Asking an agency again is a new query about the household: it needs the household's authorization in force.
        if (!consent.Value.IsValid(household.ConsentSignedOn, validator.Today))
        {
            return (CaseCommandResult.Conflict(ProblemCodes.ConsentExpired,
                $"授权书 {household.ConsentRef}（{household.ConsentSignedOn:yyyy-MM-dd} 签署）已超过有效期，不能再向部门查询；请家庭重新签署授权书后，退回重新核对时提交"), Guid.Empty);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = (Round: @case.Round, Outcome: @case.Outcome, Version: @case.Version);
        var transition = @case.Disputed(reason, caller.User, now);
        if (!transition.Accepted)
        {
            return (CaseCommandResult.Refused(transition), Guid.Empty);
        }

        // What asking again is set against: what the agencies' answers gave before, not a tier's amendment of it.
        var automated = await db.Evaluations.Where(e => e.Id == household.CurrentEvaluationId).Select(e => e.Outcome).SingleAsync(cancellationToken);
        var due = deadlines.DueFromToday();
        db.Disputes.Add(new Dispute
        {
            Id = Guid.CreateVersion7(),
            CaseId = @case.Id,
            HouseholdId = household.Id,
            Township = @case.Township,
            HouseholdRef = @case.HouseholdRef,
            Agency = agency,
            IdNumber = idNumber,
            Reason = reason,
            RecordedBy = caller.User,
            RecordedAtUtc = now,
            DueOn = due.Date,
            DueProvisional = due.Provisional,
            RoundBefore = before.Round,
            OutcomeBefore = automated,
            Round = household.CurrentRound + 1,
        });
        try
        {
            await reverification.DisputedAsync(household, agency, idNumber, caller.User, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.StaleVersion, "案件已被他人更新（版本已变化），复查申请未登记；请刷新后重试"), Guid.Empty);
        }

        await audit.AppendAsync([new AuditEntry
        {
            AtUtc = now,
            Kind = AuditKinds.Dispute,
            User = caller.User,
            Role = caller.Role,
            Jurisdiction = caller.Jurisdiction,
            Township = @case.Township,
            Subject = "case:" + @case.Id,
            Agency = agency,
            Outcome = CaseActions.Dispute,
            Detail = $"version {before.Version}; due {due.Date:yyyy-MM-dd}; {(idNumber is null ? "every member" : "one member")}; household {household.Id}",
        }], cancellationToken);
        return (CaseCommandResult.Done, household.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: dispute of {Agency} recorded for {Member} by {By}; asking again")]
    private static partial void LogDisputed(ILogger logger, Guid caseId, string agency, string member, string by);
}
