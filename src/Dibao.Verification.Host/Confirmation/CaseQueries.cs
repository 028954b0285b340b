using System.Text.Json;
using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

public sealed class CaseQueries(HubDbContext db, CaseDeadlines deadlines, DisputeDeadlines disputeDeadlines)
{
    /// <param name="jurisdiction">A city (4 digits), county (6) or township (9) code: the cases of the townships under it.</param>
    public async Task<CaseList> ListAsync(Tier? tier, CaseState? state, string? jurisdiction, bool overdueOnly, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking();
        if (tier is { } t)
        {
            query = query.Where(c => c.Tier == t);
        }

        if (state is { } s)
        {
            query = query.Where(c => c.State == s);
        }
        else if (overdueOnly)
        {
            // A case being re-checked for a dispute is late when the dispute is.
            query = query.Where(c => c.State == CaseState.AwaitingReview || c.State == CaseState.Returned || c.State == CaseState.Verifying);
        }

        if (!string.IsNullOrEmpty(jurisdiction))
        {
            query = query.Where(c => c.Township.StartsWith(jurisdiction));
        }

        var cases = await query.OrderBy(c => c.TierEnteredAtUtc).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        var disputes = (await db.Disputes.AsNoTracking().Where(d => d.AnsweredAtUtc == null && ids.Contains(d.CaseId)).ToListAsync(cancellationToken))
            .GroupBy(d => d.CaseId)
            .ToDictionary(g => g.Key, g => g.MinBy(d => disputeDeadlines.DueOf(d).Date)!);
        var items = cases.Select(c => Item(c, disputes.GetValueOrDefault(c.Id))).Where(i => !overdueOnly || i.Overdue).ToList();
        return new CaseList(items);
    }

    public Task<CaseView?> GetAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.ReadInSnapshotAsync(token => ReadAsync(caseId, token), cancellationToken);

    private async Task<CaseView?> ReadAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == @case.HouseholdId, cancellationToken);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.HouseholdId == household.Id).OrderBy(r => r.Number).ToListAsync(cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.HouseholdId == household.Id).ToDictionaryAsync(e => e.RoundId, cancellationToken);
        var evidence = await EvidenceAsync(household.CurrentRoundId, cancellationToken, lateFromEarlierRoundsOf: household.Id);
        var disputes = new List<DisputeView>();
        foreach (var dispute in await db.Disputes.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.RecordedAtUtc).ToListAsync(cancellationToken))
        {
            var round = rounds.Find(r => r.Number == dispute.Round);
            var answers = round is null ? [] : await EvidenceAsync(round.Id, cancellationToken);
            disputes.Add(DisputeView(dispute, [.. answers.Where(a => AgencyCodes.AgencyOf(a.Agency) == dispute.Agency && (dispute.IdNumber is null || a.IdNumber == dispute.IdNumber))]));
        }

        var due = deadlines.DueOf(@case);
        return new CaseView(
            @case.Id,
            @case.BatchId,
            @case.HouseholdRef,
            @case.Township,
            CaseNames.Of(@case.Tier),
            CaseNames.StateOf(@case, deadlines.Today),
            @case.Version,
            OutcomeNames.Of(@case.Outcome),
            @case.AmendmentReason,
            due?.Date,
            due?.Provisional ?? false,
            deadlines.IsOverdue(@case),
            VerificationViews.Of(household, evaluations.GetValueOrDefault(household.CurrentRoundId)),
            evidence,
            [.. @case.History.OrderBy(s => s.Sequence).Select(CaseViews.Step)],
            household.CurrentRound,
            evidence.Any(e => e.Late is not null),
            [.. rounds.Select(r => Summary(r, evaluations.GetValueOrDefault(r.Id)))],
            @case.NoticeFrom,
            @case.NoticeTo,
            disputes,
            @case.Kind,
            @case.Kind == CaseKinds.Recomparison ? await ConfirmedAsync(@case.HouseholdId, cancellationToken) : null,
            @case.Kind == CaseKinds.Recomparison ? await BaselineAsync(@case.HouseholdId, cancellationToken) : null);
    }

    /// <summary>The evaluation and answers a recipient was last confirmed on; null for one imported without any.</summary>
    private async Task<ConfirmedEvidenceView?> ConfirmedAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var confirmed = await db.Evaluations.AsNoTracking()
            .Where(e => db.RecomparisonItems.Any(i => i.HouseholdId == householdId && i.ConfirmedEvaluationId == e.Id))
            .SingleOrDefaultAsync(cancellationToken);
        return confirmed is null ? null : new ConfirmedEvidenceView(VerificationViews.Of(confirmed), await EvidenceAsync(confirmed.RoundId, cancellationToken));
    }

    /// <summary>The baseline an imported recipient was compared with; null for one compared with a confirmed evaluation, or with nothing.</summary>
    private async Task<RollBaselineView?> BaselineAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var compared = await db.RecomparisonItems.AsNoTracking()
            .Where(i => i.HouseholdId == householdId)
            .Select(i => new { i.ConfirmedIncome, i.BaselineRunId })
            .SingleOrDefaultAsync(cancellationToken);
        return compared is { ConfirmedIncome: { } income, BaselineRunId: { } runId } ? new RollBaselineView(income, runId) : null;
    }

    /// <summary>One round of a case's household, exactly as it was: its members, its answers and its stored result.</summary>
    public Task<RoundView?> GetRoundAsync(Guid caseId, int number, CancellationToken cancellationToken) =>
        db.ReadInSnapshotAsync(token => ReadRoundAsync(caseId, number, token), cancellationToken);

    private async Task<RoundView?> ReadRoundAsync(Guid caseId, int number, CancellationToken cancellationToken)
    {
        var householdId = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.HouseholdId).SingleOrDefaultAsync(cancellationToken);
        if (householdId is null)
        {
            return null;
        }

        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.HouseholdId == householdId && r.Number == number, cancellationToken);
        if (round is null)
        {
            return null;
        }

        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == householdId, cancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => m.RoundId == round.Id).OrderBy(m => m.Ordinal).ToListAsync(cancellationToken);
        var evaluation = await db.Evaluations.AsNoTracking().SingleOrDefaultAsync(e => e.RoundId == round.Id, cancellationToken);
        var verification = evaluation is not null
            ? VerificationViews.Of(evaluation)
            : round.Id == household.CurrentRoundId ? VerificationViews.Of(household, null) : new VerificationView(VerificationViews.Pending, null, null, [], null, round.Number);
        return new RoundView(
            round.Number,
            round.Cause,
            new DateTimeOffset(round.StartedAtUtc, TimeSpan.Zero),
            [.. members.Select(m => new RoundMemberView(m.IdNumber, m.Name, m.Relation))],
            verification,
            await EvidenceAsync(round.Id, cancellationToken));
    }

    /// <param name="lateFromEarlierRoundsOf">
    /// The household, to show as late on an answer the round lacks what came late to an earlier round's question
    /// (<see cref="EarlierLateAnswers"/>): the current round's view, which a return would count it in.
    /// </param>
    private async Task<List<AgencyEvidenceView>> EvidenceAsync(Guid roundId, CancellationToken cancellationToken, Guid? lateFromEarlierRoundsOf = null)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.RoundId == roundId).ToDictionaryAsync(m => m.Id, cancellationToken);
        var answers = await db.AgencyAnswers.AsNoTracking().Where(a => a.RoundId == roundId).ToListAsync(cancellationToken);
        var earlier = lateFromEarlierRoundsOf is { } householdId
            ? await EarlierLateAnswers.FindAsync(db, householdId, roundId, answers, members.Values, cancellationToken)
            : [];
        return answers
            .Where(a => members.ContainsKey(a.MemberId))
            .OrderBy(a => members[a.MemberId].Ordinal).ThenBy(a => a.Source, StringComparer.Ordinal)
            .Select(a => new AgencyEvidenceView(
                members[a.MemberId].IdNumber,
                members[a.MemberId].Name,
                a.Source,
                KebabCase(a.State),
                a.Kind is { } kind ? KebabCase(kind) : null,
                a.RefusalCode,
                Json(a.FactsJson),
                At(a.AnsweredAtUtc),
                Late(a.LateAtUtc is null ? earlier.GetValueOrDefault(a.Id) : a)))
            .ToList();
    }

    private static LateEvidenceView? Late(AgencyAnswerRecord? answer) =>
        answer?.LateAtUtc is { } lateAt
            ? new LateEvidenceView(answer.LateKind is { } lateKind ? KebabCase(lateKind) : null, answer.LateRefusalCode, Json(answer.LateFactsJson), new DateTimeOffset(lateAt, TimeSpan.Zero))
            : null;

    private DisputeView DisputeView(Dispute dispute, IReadOnlyList<AgencyEvidenceView> answers)
    {
        var due = disputeDeadlines.DueOf(dispute);
        return new(
            dispute.Id,
            dispute.Agency,
            dispute.IdNumber,
            dispute.Reason,
            dispute.RecordedBy,
            new DateTimeOffset(dispute.RecordedAtUtc, TimeSpan.Zero),
            due.Date,
            due.Provisional,
            disputeDeadlines.IsOverdue(dispute),
            dispute.IsAnswered ? "answered" : "open",
            dispute.RoundBefore,
            OutcomeNames.Of(dispute.OutcomeBefore),
            dispute.Round,
            dispute.OutcomeAfter is { } after ? OutcomeNames.Of(after) : null,
            dispute.Changed,
            At(dispute.AnsweredAtUtc),
            answers);
    }

    private static RoundSummaryView Summary(VerificationRound round, RoundEvaluation? evaluation) =>
        new(
            round.Number,
            round.Cause,
            new DateTimeOffset(round.StartedAtUtc, TimeSpan.Zero),
            evaluation is null ? VerificationViews.Pending : OutcomeNames.Of(evaluation.Outcome),
            At(evaluation?.EvaluatedAtUtc));

    private static string KebabCase<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static JsonElement? Json(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);

    private static DateTimeOffset? At(DateTime? utc) => utc is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null;

    /// <param name="dispute">The case's open dispute, if any: while it is re-checked, its deadline is the case's.</param>
    private CaseListItem Item(Case @case, Dispute? dispute)
    {
        var due = dispute is not null ? disputeDeadlines.DueOf(dispute) : deadlines.DueOf(@case);
        return new CaseListItem(
            @case.Id,
            @case.BatchId,
            @case.HouseholdRef,
            @case.Township,
            CaseNames.Of(@case.Tier),
            CaseNames.StateOf(@case, deadlines.Today),
            OutcomeNames.Of(@case.Outcome),
            due?.Date,
            due?.Provisional ?? false,
            dispute is not null ? disputeDeadlines.IsOverdue(dispute) : deadlines.IsOverdue(@case),
            @case.Version,
            @case.Kind);
    }
}
