using System.Text.Json;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

public sealed class CaseQueries(HubDbContext db, CaseDeadlines deadlines)
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
            query = query.Where(c => c.State == CaseState.AwaitingReview || c.State == CaseState.Returned);
        }

        if (!string.IsNullOrEmpty(jurisdiction))
        {
            query = query.Where(c => c.Township.StartsWith(jurisdiction));
        }

        var cases = await query.OrderBy(c => c.TierEnteredAtUtc).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var items = cases.Select(Item).Where(i => !overdueOnly || i.Overdue).ToList();
        return new CaseList(items);
    }

    public async Task<CaseView?> GetAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var household = await db.Households.AsNoTracking().Include(h => h.Members)
            .SingleAsync(h => h.Id == @case.HouseholdId, cancellationToken);
        var answers = await db.AgencyAnswers.AsNoTracking().Where(a => a.HouseholdId == household.Id).ToListAsync(cancellationToken);
        var members = household.Members.ToDictionary(m => m.Id);
        var evidence = answers
            .Where(a => members.ContainsKey(a.MemberId))
            .OrderBy(a => members[a.MemberId].Ordinal).ThenBy(a => a.Source, StringComparer.Ordinal)
            .Select(a => new AgencyEvidenceView(
                a.IdNumber,
                members[a.MemberId].Name,
                a.Source,
                JsonNamingPolicy.KebabCaseLower.ConvertName(a.State.ToString()),
                a.Kind is { } kind ? JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString()) : null,
                a.RefusalCode,
                a.FactsJson is null ? null : JsonSerializer.Deserialize<JsonElement>(a.FactsJson),
                a.AnsweredAtUtc is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null))
            .ToList();

        var due = deadlines.DueOf(@case);
        return new CaseView(
            @case.Id,
            @case.BatchId,
            @case.HouseholdRef,
            @case.Township,
            CaseNames.Of(@case.Tier),
            CaseNames.Of(@case.State),
            @case.Version,
            OutcomeNames.Of(@case.Outcome),
            @case.AmendmentReason,
            due?.Date,
            due?.Provisional ?? false,
            deadlines.IsOverdue(@case),
            BatchQueries.VerificationOf(household),
            evidence,
            [.. @case.History.OrderBy(s => s.Sequence).Select(CaseViews.Step)]);
    }

    private CaseListItem Item(Case @case)
    {
        var due = deadlines.DueOf(@case);
        return new CaseListItem(
            @case.Id,
            @case.BatchId,
            @case.HouseholdRef,
            @case.Township,
            CaseNames.Of(@case.Tier),
            CaseNames.Of(@case.State),
            OutcomeNames.Of(@case.Outcome),
            due?.Date,
            due?.Provisional ?? false,
            deadlines.IsOverdue(@case),
            @case.Version);
    }
}
