using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// Records agency queries in the audit trail: one entry per person and source when their answer settles (answered,
/// refused or unavailable), and one when an answer comes late, each naming who caused the query, the household, the
/// purpose and what came back. Failed and refused questions are recorded as fully as answered ones. Appended in bulk
/// inside the transaction that settles the answers, so a settled answer is never unaudited.
/// </summary>
public sealed class AgencyQueryAudit(HubDbContext db, AuditTrail trail, TimeProvider clock)
{
    /// <summary>
    /// The answers of the query that a report settled or kept as late evidence, found by the report's time: call it only
    /// when the report changed something, so a report delivered twice is recorded once.
    /// </summary>
    public async Task AnsweredAsync(Guid queryId, DateTime at, CancellationToken cancellationToken)
    {
        var rows = await Settled(db.AgencyAnswers.Where(a => a.QueryId == queryId && (a.AnsweredAtUtc == at || a.LateAtUtc == at)))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await trail.AppendAsync(
            [.. rows.Select(r => IsAt(r.LateAtUtc, at)
                ? Entry(r, now, AuditKinds.LateAnswer, "late:" + Summary(r.LateKind, r.LateRefusalCode), $"after {Name(r.State)}; answered {at:O}")
                : Entry(r, now, AuditKinds.AgencyQuery, Summary(r), $"answered {at:O}"))],
            cancellationToken);
    }

    /// <summary>Answers the deadline sweep has just marked unavailable.</summary>
    public async Task UnavailableAsync(IReadOnlyCollection<Guid> answerIds, CancellationToken cancellationToken)
    {
        var rows = await Settled(db.AgencyAnswers.Where(a => answerIds.Contains(a.Id))).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await trail.AppendAsync([.. rows.Select(r => Entry(r, now, AuditKinds.AgencyQuery, Summary(r), $"deadline {r.DeadlineUtc:O}"))], cancellationToken);
    }

    /// <summary>Answers the hub refused itself, with <c>CONSENT_EXPIRED</c>, because the household's authorization had run out when its question was to go out.</summary>
    public async Task WithheldAsync(IReadOnlyCollection<Guid> queryIds, IReadOnlyCollection<Guid> households, CancellationToken cancellationToken)
    {
        var rows = await Settled(db.AgencyAnswers.Where(a =>
                queryIds.Contains(a.QueryId) && households.Contains(a.HouseholdId) && a.State == AnswerState.Refused && a.RefusalCode == ReasonCodes.ConsentExpired))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await trail.AppendAsync([.. rows.Select(r => Entry(r, now, AuditKinds.AgencyQuery, Summary(r), "withheld by the hub: the authorization had run out"))], cancellationToken);
    }

    /// <summary>
    /// An answer to a re-comparison chunk's question that came after the chunk was compared without it: kept nowhere, as
    /// the comparison is done, but recorded, as the hub was told about these persons. One entry per person the findings
    /// name, under the roll household of the chunk's township; a refusal of the whole question names nobody and is one entry.
    /// </summary>
    public async Task LateToComparedChunkAsync(
        AgencyQuery query, string township, IReadOnlyList<(string IdHash, FindingKind Kind, string? RefusalCode)> persons, string? refusalCode, DateTime at,
        int? attempts, CancellationToken cancellationToken)
    {
        var hashes = persons.Select(p => p.IdHash).ToList();
        var households = (await (
                from m in db.RollMembers.AsNoTracking()
                join h in db.RollHouseholds on m.RollHouseholdId equals h.Id
                where hashes.Contains(m.IdHash) && h.Township == township
                select new { m.IdHash, h.Id })
            .ToListAsync(cancellationToken))
            .ToLookup(m => m.IdHash, m => m.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var detail = AuditEntry.Clip(
            $"query {query.Id}; sent {query.SentAtUtc:O}; after chunk {query.BatchId} was compared; answered {at:O}" + (attempts is { } n ? $"; attempts {n}" : ""),
            AuditEntry.MaxDetailLength);
        AuditEntry Late(string subject, string? personHash, string outcome) => new()
        {
            AtUtc = now,
            Kind = AuditKinds.LateAnswer,
            User = query.RequestedBy,
            Township = township,
            Subject = subject,
            Purpose = query.Purpose,
            PersonHash = personHash,
            Agency = query.Agency,
            Outcome = AuditEntry.Clip(outcome, AuditEntry.MaxOutcomeLength),
            Detail = detail,
        };

        await trail.AppendAsync(
            refusalCode is not null
                ? [Late("chunk:" + query.BatchId, null, "late:" + Summary(null, refusalCode))]
                : [.. persons.Select(p => Late(
                    households[p.IdHash].Select(id => "roll:" + id).FirstOrDefault() ?? "chunk:" + query.BatchId, p.IdHash, "late:" + Summary(p.Kind, p.RefusalCode)))],
            cancellationToken);
    }

    private IQueryable<SettledAnswer> Settled(IQueryable<AgencyAnswerRecord> answers) =>
        from a in answers.AsNoTracking()
        join q in db.AgencyQueries on a.QueryId equals q.Id
        join b in db.Batches on a.BatchId equals b.Id
        select new SettledAnswer(
            a.QueryId, a.HouseholdId, a.IdHash, a.Source, a.State, a.Kind, a.RefusalCode, a.DeadlineUtc, a.LateAtUtc, a.LateKind, a.LateRefusalCode,
            q.RequestedBy, q.Purpose, q.SentAtUtc, q.Attempts, b.Township);

    private AuditEntry Entry(SettledAnswer r, DateTime now, string kind, string outcome, string detail) => new()
    {
        AtUtc = now,
        Kind = kind,
        User = r.RequestedBy,
        Township = r.Township,
        Subject = "household:" + r.HouseholdId,
        Purpose = r.Purpose,
        // The answer's lookup hash is the audit's person hash (one key, Audit:PersonKey): nothing is decrypted to audit it.
        PersonHash = r.IdHash,
        Agency = r.Source,
        Outcome = AuditEntry.Clip(outcome, AuditEntry.MaxOutcomeLength),
        Detail = AuditEntry.Clip($"query {r.QueryId}; sent {r.SentAtUtc:O}; {detail}" + (r.Attempts is { } n ? $"; attempts {n}" : ""), AuditEntry.MaxDetailLength),
    };

    private static string Summary(SettledAnswer r) => Summary(r.State, r.Kind, r.RefusalCode);

    /// <summary>What an answer came to, as its audit entry's outcome says it: <c>refused:&lt;code&gt;</c>, <c>unavailable</c>, or as below.</summary>
    public static string Summary(AnswerState state, FindingKind? kind, string? code) => state switch
    {
        AnswerState.Refused => "refused:" + code,
        AnswerState.Unavailable => "unavailable",
        _ => Summary(kind, code),
    };

    /// <summary><c>answered:records-found</c>, <c>answered:no-records</c>, <c>answered:refused:&lt;code&gt;</c> for one person, or <c>refused:&lt;code&gt;</c> for the whole question.</summary>
    private static string Summary(FindingKind? kind, string? code) => kind switch
    {
        FindingKind.RecordsFound => "answered:records-found",
        FindingKind.NoRecords => "answered:no-records",
        FindingKind.Refused => "answered:refused:" + code,
        _ => "refused:" + code,
    };

    private static string Name(AnswerState state) => state.ToString().ToLowerInvariant();

    /// <summary>PostgreSQL keeps microseconds: a time read back may differ from the report's by less than one.</summary>
    private static bool IsAt(DateTime? stored, DateTime at) => stored is { } time && Math.Abs((time - at).Ticks) < 10;

    private sealed record SettledAnswer(
        Guid QueryId, Guid HouseholdId, string IdHash, string Source, AnswerState State, FindingKind? Kind, string? RefusalCode, DateTime? DeadlineUtc,
        DateTime? LateAtUtc, FindingKind? LateKind, string? LateRefusalCode, string RequestedBy, string Purpose, DateTime? SentAtUtc, int? Attempts, string Township);
}
