using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Problems;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// A household's result on its way to being signed by the township, the county and the city (谁审核、谁确认、谁负责).
/// The rules of the way live here, free of I/O; a refused decision leaves the case exactly as it was.
/// </summary>
public sealed class Case
{
    private const string AutoConfirmReason = "自动确认：结果为通过或不通过，没有需要人工判断的理由";

    public Guid Id { get; init; }
    public Guid BatchId { get; init; }
    public Guid HouseholdId { get; init; }
    public required string HouseholdRef { get; init; }

    /// <summary>The township code: its first 6 digits are the county, its first 4 the city.</summary>
    public required string Township { get; init; }

    /// <summary><see cref="CaseKinds.Application"/> or <see cref="CaseKinds.Recomparison"/>.</summary>
    public string Kind { get; init; } = CaseKinds.Application;

    public Tier Tier { get; private set; }
    public CaseState State { get; private set; }

    /// <summary>The outcome the tiers are signing: the automated one until a county or city amends it.</summary>
    public Outcome Outcome { get; private set; }

    /// <summary>The stored evaluation the tiers are signing; the city's confirmation makes it the final result.</summary>
    public Guid EvaluationId { get; private set; }

    /// <summary>The round of verification that evaluation belongs to.</summary>
    public int Round { get; private set; }

    /// <summary>The automated verification gave a reason that asks for a human look, whatever the outcome.</summary>
    public bool HasReviewReasons { get; private set; }

    /// <summary>Why a tier changed the automated outcome; null while it stands.</summary>
    public string? AmendmentReason { get; private set; }

    public DateTime OpenedAtUtc { get; init; }

    /// <summary>When the case reached its current tier: its deadline there is counted from this day.</summary>
    public DateTime TierEnteredAtUtc { get; private set; }

    /// <summary>When the overdue reminder for the current stay at this tier went out; cleared on reaching another tier.</summary>
    public DateTime? OverdueRemindedAtUtc { get; private set; }

    public DateTime? ConfirmedAtUtc { get; private set; }

    /// <summary>The first and last day of the case's latest public notice (公示), office dates; null when never posted.</summary>
    public DateOnly? NoticeFrom { get; private set; }

    public DateOnly? NoticeTo { get; private set; }

    /// <summary>
    /// Bumped on every step of the history and checked on saving, so two reviewers deciding at once cannot both win; the
    /// overdue reminder's stamp leaves it alone.
    /// </summary>
    public int Version { get; private set; }

    public List<CaseStep> History { get; init; } = [];

    /// <summary>Pass or fail, nothing asking for a human look and no human's amendment to look at.</summary>
    public bool IsClean => Outcome is Outcome.Pass or Outcome.Fail && !HasReviewReasons && AmendmentReason is null;

    public bool IsOpen => State is CaseState.AwaitingReview or CaseState.Returned;

    public static Case Open(Guid batchId, Guid householdId, string householdRef, string township, CaseEvaluation evaluation, DateTime now, string kind = CaseKinds.Application)
    {
        var opened = new Case
        {
            Kind = kind,
            Id = Guid.CreateVersion7(),
            BatchId = batchId,
            HouseholdId = householdId,
            HouseholdRef = householdRef,
            Township = township,
            OpenedAtUtc = now,
            Tier = Tier.Township,
            State = CaseState.AwaitingReview,
            Outcome = evaluation.Outcome,
            HasReviewReasons = evaluation.HasReviewReasons,
            EvaluationId = evaluation.EvaluationId,
            Round = evaluation.Round,
            TierEnteredAtUtc = now,
        };
        opened.Record(Tier.Township, CaseActions.Verified, CaseActions.System, null, now);
        return opened;
    }

    /// <param name="lateEvidence">An agency answered after the round settled: the township may have it evaluated, whatever the outcome.</param>
    /// <param name="notice">The public notice a pass not yet posted starts now; null when notices are off.</param>
    public CaseTransition Decide(
        Tier tier, ReviewAction action, Outcome? amendedOutcome, string? reason, string by, DateTime now, bool lateEvidence = false, NoticePeriod? notice = null)
    {
        if (Refusal(tier) is { } refusal)
        {
            return refusal;
        }

        // 谁审核、谁确认、谁负责: each tier's signature is another person's.
        if (History.Find(s => s.By == by && s.Tier != tier && s.Action != CaseActions.Verified) is { } earlier)
        {
            return CaseTransition.Refused(ProblemCodes.SecondSignature, $"{by} 已在{CaseNames.Chinese(earlier.Tier)}签署过本案件，同一人不能签署同一案件的两级");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return action switch
        {
            ReviewAction.Confirm => Confirm(by, reason, now, notice),
            ReviewAction.Return => Return(by, reason, now, lateEvidence),
            _ => Amend(amendedOutcome, by, reason, now, notice),
        };
    }

    /// <summary>The township corrects the members of a case sent back to it; the case is verified again before anyone signs it.</summary>
    public CaseTransition Correct(string? reason, string by, DateTime now)
    {
        if (State != CaseState.Returned || Tier != Tier.Township)
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, $"只有退回到乡镇的案件才能更正成员信息；本案件当前在{CaseNames.Chinese(Tier)}，状态为{CaseNames.Of(State)}");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "更正必须写明理由");
        }

        State = CaseState.Verifying;
        Record(Tier.Township, CaseActions.Correct, by, reason.Trim(), now);
        return new CaseTransition(null, Reverify: true);
    }

    /// <summary>An applicant disputes a finding (复查): the agency is asked again and the case waits for the new result.</summary>
    public CaseTransition Disputed(string reason, string by, DateTime now)
    {
        if (!IsOpen)
        {
            return CaseTransition.Refused(
                State == CaseState.Confirmed || State == CaseState.Verifying ? ProblemCodes.CaseNotOpen : ProblemCodes.ActionNotAllowed,
                $"只有待审核或退回的案件可以登记复查申请；本案件当前在{CaseNames.Chinese(Tier)}，状态为{CaseNames.Of(State)}");
        }

        State = CaseState.Verifying;
        Record(Tier.Township, CaseActions.Dispute, by, reason, now);
        return new CaseTransition(null, Reverify: true);
    }

    /// <summary>The dispute's re-check settled; kept in the history with what it changed.</summary>
    public void DisputeAnswered(string summary, DateTime now) => Record(Tier.Township, CaseActions.DisputeAnswered, CaseActions.System, summary, now);

    /// <summary>The re-verification settled: the new automated result starts again at the township.</summary>
    public bool Reverified(CaseEvaluation evaluation, DateTime now)
    {
        if (State != CaseState.Verifying)
        {
            return false;
        }

        Outcome = evaluation.Outcome;
        HasReviewReasons = evaluation.HasReviewReasons;
        EvaluationId = evaluation.EvaluationId;
        Round = evaluation.Round;
        AmendmentReason = null;
        Enter(Tier.Township, CaseState.AwaitingReview, now);
        Record(Tier.Township, CaseActions.Verified, CaseActions.System, null, now);
        return true;
    }

    /// <summary>
    /// Lets a clean case through every tier, in turn, that is set to confirm clean cases by itself. Never a re-comparison
    /// case: its exit takes a family's benefit away and its other proposals change what it is paid, so a person at each
    /// tier signs it, whatever the tiers' settings.
    /// </summary>
    /// <returns>Whether the case ended confirmed.</returns>
    /// <param name="notice">The public notice a pass not yet posted starts now; null when notices are off.</param>
    public bool AutoConfirm(Func<Tier, AutoConfirmMode> modes, DateTime now, NoticePeriod? notice = null)
    {
        var confirmed = false;
        while (Kind != CaseKinds.Recomparison && State == CaseState.AwaitingReview && IsClean && modes(Tier) == AutoConfirmMode.Clean)
        {
            confirmed = Advance(CaseActions.Confirm, CaseActions.System, AutoConfirmReason, now, notice);
        }

        return confirmed;
    }

    /// <summary>
    /// A notice of the round being signed ran its days without objection. An objection ends a notice without this step,
    /// and a new round (corrected or re-asked members) is posted anew.
    /// </summary>
    private bool NoticedThisRound => History.Any(s => s.Action == CaseActions.NoticeEnded && s.Round == Round);

    /// <summary>The notice's last day is over on the offices' clock: nobody may object any more, whether or not the notice job has run.</summary>
    public bool NoticeRanOut(DateOnly today) => State == CaseState.OnNotice && NoticeTo < today;

    /// <summary>The notice ran its days without objection: the city decides now.</summary>
    public bool NoticeEnded(DateTime now)
    {
        if (State != CaseState.OnNotice)
        {
            return false;
        }

        var postedBy = Tier;
        Enter(Tier.City, CaseState.AwaitingReview, now);
        Record(postedBy, CaseActions.NoticeEnded, CaseActions.System, $"公示期（{NoticeFrom:yyyy-MM-dd}至{NoticeTo:yyyy-MM-dd}）届满，无异议", now);
        return true;
    }

    /// <summary>Someone objected during the notice (the township records it): the county looks at the case again.</summary>
    /// <param name="today">The offices' day: an objection after the notice's last day is refused.</param>
    public CaseTransition Objected(string? reason, string by, DateTime now, DateOnly today)
    {
        if (State != CaseState.OnNotice)
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, $"只有公示中的案件可以登记异议；本案件当前在{CaseNames.Chinese(Tier)}，状态为{CaseNames.Of(State)}");
        }

        if (NoticeRanOut(today))
        {
            return CaseTransition.Refused(ProblemCodes.NoticeEnded, $"公示期（{NoticeFrom:yyyy-MM-dd}至{NoticeTo:yyyy-MM-dd}）已届满，不能再登记异议；案件将转市级审核");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "异议必须写明理由");
        }

        Enter(Tier.County, CaseState.Returned, now);

        // Kept at the township's tier: recording a neighbour's objection is the township's act, not a county signature.
        Record(Tier.Township, CaseActions.Objection, by, reason.Trim(), now);
        return new CaseTransition(null);
    }

    /// <summary>
    /// The overdue reminder for this stay at the tier went out. The version stays: nothing a reviewer sees or decides on
    /// changed, so a decision taken on the case as loaded before the reminder still counts.
    /// </summary>
    public void Reminded(DateTime now) => OverdueRemindedAtUtc = now;

    private CaseTransition? Refusal(Tier tier) => State switch
    {
        CaseState.Verifying => CaseTransition.Refused(ProblemCodes.CaseNotOpen, "案件正在重新核对，核对完成前不能审核"),
        CaseState.Confirmed => CaseTransition.Refused(ProblemCodes.CaseNotOpen, "案件已经市级终核确认，不能再审核"),
        CaseState.OnNotice => CaseTransition.Refused(ProblemCodes.CaseNotOpen, $"案件正在公示（{NoticeFrom:yyyy-MM-dd}至{NoticeTo:yyyy-MM-dd}），公示期满无异议后由市级审核"),
        _ when tier != Tier => CaseTransition.Refused(ProblemCodes.CaseNotAtTier, $"案件当前在{CaseNames.Chinese(Tier)}（{CaseNames.Of(Tier)}），不在{CaseNames.Chinese(tier)}（{CaseNames.Of(tier)}）"),
        _ => null,
    };

    private CaseTransition Confirm(string by, string? reason, DateTime now, NoticePeriod? notice)
    {
        switch (Outcome)
        {
            case Outcome.Incomplete or Outcome.Pending:
                return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "核对结果不完整，不能确认：请退回乡镇，重新核对未答复的部门");
            case Outcome.Review when Tier != Tier.Township:
                return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "需人工判断（review）的案件只能由县级改判为通过或不通过（amend），或退回");
        }

        var confirmed = Advance(CaseActions.Confirm, by, reason, now, notice);
        return new CaseTransition(null, Confirmed: confirmed);
    }

    private CaseTransition Return(string by, string? reason, DateTime now, bool lateEvidence)
    {
        if (reason is null)
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "退回必须写明理由");
        }

        if (Tier == Tier.Township)
        {
            // Nothing sits below the township: a return there can only mean verifying again, with what is still
            // missing asked and what came late counted.
            if (Outcome != Outcome.Incomplete && !lateEvidence)
            {
                return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "乡镇是第一级，无处退回；只有结果不完整或有逾期到达答复的案件可退回重新核对，成员信息有误请提交更正");
            }

            State = CaseState.Verifying;
            Record(Tier.Township, CaseActions.Return, by, reason, now);
            return new CaseTransition(null, Reverify: true);
        }

        var from = Tier;
        Enter(Tier - 1, CaseState.Returned, now);
        Record(from, CaseActions.Return, by, reason, now);
        return new CaseTransition(null);
    }

    private CaseTransition Amend(Outcome? amendedOutcome, string by, string? reason, DateTime now, NoticePeriod? notice)
    {
        if (Tier == Tier.Township)
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "乡镇不能改判；只有县级和市级可以改判");
        }

        if (amendedOutcome is not (Outcome.Pass or Outcome.Fail))
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "改判结果只能是通过（pass）或不通过（fail）");
        }

        if (reason is null)
        {
            return CaseTransition.Refused(ProblemCodes.ActionNotAllowed, "改判必须写明理由");
        }

        Outcome = amendedOutcome.Value;
        AmendmentReason = reason;
        var confirmed = Advance(CaseActions.Amend, by, reason, now, notice);
        return new CaseTransition(null, Confirmed: confirmed);
    }

    /// <returns>Whether the city signed, making the case final.</returns>
    /// <param name="notice">The public notice a pass not yet posted starts; null when notices are off.</param>
    private bool Advance(string action, string by, string? reason, DateTime now, NoticePeriod? notice)
    {
        var from = Tier;
        if (Outcome == Outcome.Pass && notice is not null && (Tier == Tier.County || (Tier == Tier.City && !NoticedThisRound)))
        {
            // 公示: a household to be granted the guarantee is posted before the city signs, so that neighbours can object.
            // A pass the city makes of a county's fail was never posted: it waits at the city, which signs after the notice.
            Enter(from, CaseState.OnNotice, now);
            (NoticeFrom, NoticeTo) = (notice.From, notice.To);
            Record(from, action, by, reason, now);
            Record(from, CaseActions.Notice, CaseActions.System, $"公示期{notice.From:yyyy-MM-dd}至{notice.To:yyyy-MM-dd}", now);
            return false;
        }

        if (Tier == Tier.City)
        {
            State = CaseState.Confirmed;
            ConfirmedAtUtc = now;
        }
        else
        {
            Enter(Tier + 1, CaseState.AwaitingReview, now);
        }

        Record(from, action, by, reason, now);
        return State == CaseState.Confirmed;
    }

    private void Enter(Tier tier, CaseState state, DateTime now)
    {
        Tier = tier;
        State = state;
        TierEnteredAtUtc = now;
        OverdueRemindedAtUtc = null;
    }

    private void Record(Tier tier, string action, string by, string? reason, DateTime now)
    {
        History.Add(new CaseStep
        {
            Id = Guid.CreateVersion7(),
            CaseId = Id,
            Sequence = History.Count + 1,
            Tier = tier,
            Action = action,
            By = by,
            AtUtc = now,
            Reason = reason,
            Outcome = Outcome,
            Round = Round,
        });
        Version++;
    }
}
