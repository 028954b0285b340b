using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Consent;

/// <summary>
/// The check at the moment of asking: a question about to go to an agency, released or sent again, leaves out every
/// household whose authorization is no longer valid. Their members' answers become refused with
/// <see cref="ReasonCodes.ConsentExpired"/> (the household settles incomplete, naming it), the question is rewritten without
/// them, or not sent at all when nobody is left. In the caller's unit of work; cheap when nothing has expired, which is
/// almost always: one read of the questions' households, filtered on the signing date.
/// </summary>
public sealed partial class ConsentWithholding(IOptions<ConsentOptions> options, PersonHasher persons, TimeProvider clock, OfficeClock office, ILogger<ConsentWithholding> logger)
{
    /// <summary>Days a month's end can move a date when months are added or taken away.</summary>
    private const int MonthEndSlack = 3;

    /// <param name="queryIds">Questions about to be sent.</param>
    /// <returns>The questions not to be sent at all, and the households whose members were left out.</returns>
    public async Task<(IReadOnlySet<Guid> Withheld, IReadOnlyList<Guid> Households)> WithholdAsync(
        HubDbContext db, IReadOnlyCollection<Guid> queryIds, CancellationToken cancellationToken)
    {
        if (queryIds.Count == 0)
        {
            return (new HashSet<Guid>(), []);
        }

        var today = office.Today;
        var cutoff = today.AddMonths(-options.Value.ValidFor).AddDays(MonthEndSlack);
        var candidates = await db.AgencyAnswers.AsNoTracking()
            .Where(a => queryIds.Contains(a.QueryId) && a.State == AnswerState.Awaited)
            .Join(db.Households.Where(h => h.ConsentSignedOn <= cutoff), a => a.HouseholdId, h => h.Id, (a, h) => new { h.Id, h.ConsentSignedOn })
            .Distinct()
            .ToListAsync(cancellationToken);
        var expired = candidates.Where(h => !options.Value.IsValid(h.ConsentSignedOn, today)).Select(h => h.Id).ToList();
        if (expired.Count == 0)
        {
            return (new HashSet<Guid>(), []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var left = await db.AgencyAnswers.AsNoTracking()
            .Where(a => queryIds.Contains(a.QueryId) && expired.Contains(a.HouseholdId) && a.State == AnswerState.Awaited)
            .Select(a => new { a.QueryId, a.IdHash })
            .ToListAsync(cancellationToken);
        await db.AgencyAnswers
            .Where(a => queryIds.Contains(a.QueryId) && expired.Contains(a.HouseholdId) && a.State == AnswerState.Awaited)
            .ExecuteUpdateAsync(
                set => set.SetProperty(a => a.State, AnswerState.Refused)
                    .SetProperty(a => a.RefusalCode, ReasonCodes.ConsentExpired)
                    .SetProperty(a => a.AnsweredAtUtc, now),
                cancellationToken);

        var touched = left.Select(l => l.QueryId).Distinct().ToList();
        var stillAsked = (await db.AgencyAnswers.AsNoTracking()
            .Where(a => touched.Contains(a.QueryId) && a.State == AnswerState.Awaited)
            .Select(a => a.QueryId)
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var withheld = touched.Where(id => !stillAsked.Contains(id)).ToHashSet();

        // Nobody left to ask about: the question is settled here and its message, never sent, goes.
        await db.AgencyQueries.Where(q => withheld.Contains(q.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.AnsweredAtUtc, now), cancellationToken);
        await db.Outbox.Where(m => withheld.Contains(m.Id) && m.SentAtUtc == null).ExecuteDeleteAsync(cancellationToken);

        // Some left: the question goes without the persons no longer covered.
        // A message sent long ago may have been purged; then there is nothing to send again.
        var removed = left.ToLookup(l => l.QueryId, l => l.IdHash);
        var messages = await db.Outbox.AsNoTracking().Where(m => stillAsked.Contains(m.Id)).Select(m => new { m.Id, m.Body }).ToListAsync(cancellationToken);
        foreach (var message in messages)
        {
            var query = JsonSerializer.Deserialize<QueryAgency>(message.Body, HubJson.Options)!;
            var gone = removed[message.Id].ToHashSet(StringComparer.Ordinal);
            var body = JsonSerializer.Serialize(query with { Persons = [.. query.Persons.Where(p => !gone.Contains(persons.Hash(p.IdNumber)))] }, HubJson.Options);
            await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set.SetProperty(m => m.Body, body), cancellationToken);
        }

        LogWithheld(logger, expired.Count, left.Count, withheld.Count);
        return (withheld, expired);
    }

    public const string WithheldEvent = "ConsentWithheld";

    [LoggerMessage(EventId = 4090, EventName = WithheldEvent, Level = LogLevel.Warning, Message = "Authorization expired for {Households} households: {Answers} questions about their members withheld ({Queries} not sent at all); they settle incomplete with CONSENT_EXPIRED")]
    private static partial void LogWithheld(ILogger logger, int households, int answers, int queries);
}
