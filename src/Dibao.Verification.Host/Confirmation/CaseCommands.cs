using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Consent;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.StaffRelatives;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Reviewers' decisions and corrections. Each is one unit of work checked against the case's version on saving:
/// of two reviewers deciding at once, the second finds the case changed and is refused with nothing changed. A unit
/// retried after a transient database failure loads the case again and decides afresh. A decision or correction made
/// is audited in its own transaction, signed by the caller.
/// </summary>
public sealed partial class CaseCommands(
    HubDbContext db,
    CaseWorkflow workflow,
    CaseReverification reverification,
    BatchValidator validator,
    HubMessages messages,
    AuditTrail audit,
    EvaluationQueue evaluations,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ConsentOptions> consent,
    StaffRelativeRegister staffRelatives,
    CaseDeadlines deadlines,
    ILogger<CaseCommands> logger)
{
    /// <summary>What the history keeps of a reason; longer texts belong in the case file, not the hub.</summary>
    private const int MaxReasonLength = 1000;

    private const string StaleVersion = "案件已被他人更新（版本已变化），本次操作未生效；请刷新后重试";

    /// <param name="tier">The tier of the caller's role.</param>
    /// <param name="caller">The signed-in user, recorded in the case's history and the audit trail.</param>
    public async Task<CaseCommandResult> DecideAsync(Guid caseId, DecisionRequest request, Tier tier, Caller caller, CancellationToken cancellationToken)
    {
        var by = caller.User;
        if (!CaseNames.TryParseAction(request.Action, out var action))
        {
            return CaseCommandResult.Invalid("action 必须是 confirm、return 或 amend");
        }

        Outcome? outcome = request.Outcome?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "pass" => Outcome.Pass,
            "fail" => Outcome.Fail,
            _ => Outcome.Pending,
        };
        if (action == ReviewAction.Amend ? outcome is not (Outcome.Pass or Outcome.Fail) : outcome is not null)
        {
            return CaseCommandResult.Invalid("outcome 只用于 amend，且只能是 pass 或 fail");
        }

        if (action is ReviewAction.Return or ReviewAction.Amend && string.IsNullOrWhiteSpace(request.Reason))
        {
            return CaseCommandResult.Invalid("退回和改判必须写明理由 reason");
        }

        if (request.Reason?.Trim().Length > MaxReasonLength)
        {
            return CaseCommandResult.Invalid($"理由不超过{MaxReasonLength}个字符");
        }

        if (!string.IsNullOrWhiteSpace(request.ConsentRef) && (action != ReviewAction.Return || tier != Tier.Township))
        {
            return CaseCommandResult.Invalid("consentRef 只用于乡镇退回重新核对时提交家庭重新签署的授权书");
        }

        var (result, reverified) = await db.InTransactionAsync(token => DecideOnceAsync(caseId, request, tier, action, outcome, caller, token), cancellationToken);
        if (result == CaseCommandResult.Done)
        {
            messages.Flush();
            evaluations.Enqueue(reverified);
            LogDecided(logger, caseId, CaseNames.Of(tier), request.Action!.Trim().ToLowerInvariant(), by);
        }

        return result;
    }

    /// <returns>The outcome, and the household to evaluate when the decision started a new round.</returns>
    private async Task<(CaseCommandResult, IReadOnlyList<Guid>)> DecideOnceAsync(
        Guid caseId, DecisionRequest request, Tier tier, ReviewAction action, Outcome? outcome, Caller caller, CancellationToken cancellationToken)
    {
        var by = caller.User;
        var @case = await LoadAsync(caseId, cancellationToken);
        if (@case is null)
        {
            return (CaseCommandResult.NotFound, []);
        }

        if (request.Version is { } version && version != @case.Version)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.StaleVersion, StaleVersion), []);
        }

        // Whatever the tier and action: a relative's case is signed by others only.
        if (await staffRelatives.IsRelativeAsync(by, @case.HouseholdId, @case.Township, cancellationToken))
        {
            return (StaffRelativeRefused(by), []);
        }

        var lateEvidence = action == ReviewAction.Return && tier == Tier.Township && await EarlierLateAnswers.AnyAsync(db, @case.HouseholdId, cancellationToken);
        var before = @case.Version;
        var transition = @case.Decide(tier, action, outcome, request.Reason, by, clock.GetUtcNow().UtcDateTime, lateEvidence, deadlines.NoticeFromToday());
        if (!transition.Accepted)
        {
            return (CaseCommandResult.Refused(transition), []);
        }

        try
        {
            if (transition.Reverify)
            {
                var household = await db.Households.SingleAsync(h => h.Id == @case.HouseholdId, cancellationToken);
                if (!string.IsNullOrWhiteSpace(request.ConsentRef))
                {
                    if (Renew(household, request.ConsentRef, request.ConsentSignedOn) is { } invalid)
                    {
                        return (invalid, []);
                    }
                }
                else if (!consent.Value.IsValid(household.ConsentSignedOn, validator.Today))
                {
                    return (ConsentExpired(household), []);
                }

                await reverification.MissingAnswersAsync(household, by, cancellationToken);
            }
            else
            {
                await workflow.ArrivedAsync(@case, await workflow.ReasonCodesAsync(@case, cancellationToken), cancellationToken, transition.Confirmed);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.StaleVersion, StaleVersion), []);
        }

        var decided = action == ReviewAction.Amend ? $"{CaseNames.Of(action)}:{outcome.ToString()!.ToLowerInvariant()}" : CaseNames.Of(action);
        await audit.AppendAsync([Audited(caller, @case, AuditKinds.Decision, decided, $"tier {CaseNames.Of(tier)}; version {before}")], cancellationToken);
        return (CaseCommandResult.Done, transition.Reverify ? [@case.HouseholdId] : []);
    }

    private AuditEntry Audited(Caller caller, Case @case, string kind, string outcome, string detail) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        Kind = kind,
        User = caller.User,
        Role = caller.Role,
        Jurisdiction = caller.Jurisdiction,
        Township = @case.Township,
        Subject = "case:" + @case.Id,
        Outcome = outcome,
        Detail = $"{detail}; household {@case.HouseholdId}",
    };

    /// <param name="caller">The signed-in caseworker, recorded in the case's history and the audit trail.</param>
    public async Task<CaseCommandResult> CorrectAsync(Guid caseId, CorrectionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var by = caller.User;
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
        {
            return CaseCommandResult.Invalid($"更正必须写明理由 reason，且不超过{MaxReasonLength}个字符");
        }

        var (result, members, householdId) = await db.InTransactionAsync(token => CorrectOnceAsync(caseId, request, caller, token), cancellationToken);
        if (result == CaseCommandResult.Done)
        {
            messages.Flush();
            evaluations.Enqueue([householdId]);
            LogCorrected(logger, caseId, string.Join(",", members.Select(m => IdentityNumber.Mask(m.IdNumber))), by);
        }

        return result;
    }

    /// <returns>The outcome, and the members as corrected and their household when it was done.</returns>
    private async Task<(CaseCommandResult, IReadOnlyList<MemberRequest>, Guid)> CorrectOnceAsync(
        Guid caseId, CorrectionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var by = caller.User;
        var @case = await LoadAsync(caseId, cancellationToken);
        if (@case is null)
        {
            return (CaseCommandResult.NotFound, [], Guid.Empty);
        }

        // Correcting who is in a relative's household is as much a conflict of interest as signing it.
        if (await staffRelatives.IsRelativeAsync(by, @case.HouseholdId, @case.Township, cancellationToken))
        {
            return (StaffRelativeRefused(by), [], Guid.Empty);
        }

        var elsewhere = await db.Members.AsNoTracking()
            .Join(db.Households.Where(h => h.BatchId == @case.BatchId && h.Id != @case.HouseholdId), m => m.RoundId, h => h.CurrentRoundId, (m, h) => new { m.IdNumber, h.Ref })
            .ToListAsync(cancellationToken);
        var (members, problems) = validator.ValidateHousehold(
            new HouseholdRequest { Ref = @case.HouseholdRef, Members = request.Members ?? [] },
            elsewhere.DistinctBy(m => m.IdNumber).Select(m => KeyValuePair.Create(m.IdNumber, $"本批次户 {m.Ref}")));
        if (problems.Count > 0)
        {
            return (CaseCommandResult.Invalid($"更正未被接受：发现{problems.Count}处问题，案件未改变", problems), [], Guid.Empty);
        }

        if (!await reverification.ChangesAnythingAsync(@case.HouseholdId, members, cancellationToken))
        {
            return (CaseCommandResult.Invalid("更正没有改变任何成员信息"), [], Guid.Empty);
        }

        // Members who were not on the household's authorization are not covered by it: the household signs a new one.
        var household = await db.Households.SingleAsync(h => h.Id == @case.HouseholdId, cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.ConsentRef))
        {
            if (Renew(household, request.ConsentRef, request.ConsentSignedOn) is { } invalid)
            {
                return (invalid, [], Guid.Empty);
            }
        }
        else if (await reverification.AddsMembersAsync(household, members, cancellationToken))
        {
            return (CaseCommandResult.Invalid("增加或更换成员须提交家庭重新签署的授权书编号 consentRef（及签署日期 consentSignedOn）"), [], Guid.Empty);
        }
        else if (!consent.Value.IsValid(household.ConsentSignedOn, validator.Today))
        {
            return (ConsentExpired(household), [], Guid.Empty);
        }

        if (request.Version is { } version && version != @case.Version)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.StaleVersion, StaleVersion), [], Guid.Empty);
        }

        var transition = @case.Correct(request.Reason, by, clock.GetUtcNow().UtcDateTime);
        if (!transition.Accepted)
        {
            return (CaseCommandResult.Refused(transition), [], Guid.Empty);
        }

        var before = @case.Version;
        try
        {
            await reverification.CorrectedAsync(household, members, by, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (CaseCommandResult.Conflict(ProblemCodes.StaleVersion, StaleVersion), [], Guid.Empty);
        }

        await audit.AppendAsync([Audited(caller, @case, AuditKinds.Correction, CaseActions.Correct, $"tier township; version {before}; {members.Count} members")], cancellationToken);
        return (CaseCommandResult.Done, members, household.Id);
    }

    private static CaseCommandResult StaffRelativeRefused(string by) =>
        new(CaseCommandStatus.Forbidden, $"{by} 已登记为本户成员的近亲属（近亲属备案），不能审核或更正本案件；请由其他工作人员办理", Code: ProblemCodes.StaffRelative);

    /// <summary>Records the household's new authorization; null when done, else why it is refused.</summary>
    private CaseCommandResult? Renew(Household household, string consentRef, DateOnly? consentSignedOn)
    {
        consentRef = consentRef.Trim();
        var signedOn = consentSignedOn ?? validator.Today;
        if (validator.RenewalProblem(consentRef, signedOn, household.ConsentRef, household.ConsentSignedOn) is { } problem)
        {
            return CaseCommandResult.Invalid(problem);
        }

        household.Consented(consentRef, signedOn);
        return null;
    }

    private CaseCommandResult ConsentExpired(Household household) =>
        CaseCommandResult.Conflict(
            ProblemCodes.ConsentExpired,
            $"授权书 {household.ConsentRef}（{household.ConsentSignedOn:yyyy-MM-dd} 签署）已超过有效期（{consent.Value.ValidFor}个月），不能再向任何部门查询；请家庭重新签署授权书，在退回重新核对或更正时提交新的 consentRef");

    private Task<Case?> LoadAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Tier} decided {Action}, signed by {By}")]
    private static partial void LogDecided(ILogger logger, Guid caseId, string tier, string action, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} corrected by {By}; members now {Members}")]
    private static partial void LogCorrected(ILogger logger, Guid caseId, string members, string by);
}
