using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Audit;

/// <summary>
/// Records agency queries in the audit trail. When a round settles, or is parked on an error: one entry per person, naming who caused the
/// questions, the household and purpose, and in its detail every source asked and what it came to (answered, refused by
/// the agency, withheld by the hub, unavailable at its deadline) and when. When an answer comes late: one entry per person
/// and source. Failed and refused questions are recorded as fully as answered ones. A round's entries are appended
/// inside the transaction that settles it, so a settled round is never unaudited. One entry per person and source, as
/// each report came, was most of what storing a batch's answers wrote: a dozen rows a person where one says it all, as
/// the re-comparison's entry does.
/// </summary>
public sealed class AgencyQueryAudit(HubDbContext db, AuditTrail trail, TimeProvider clock)
{
    /// <summary>
    /// The entries for the answers of rounds being settled, asked for them (not <see cref="AgencyAnswerRecord.Carried"/>),
    /// for the caller to append (<see cref="AuditTrail.AppendAsync"/>) in the transaction that settles the rounds. Built
    /// from the answers the settlement read for the policy (<see cref="RoundSettlement"/>): read again here, with their
    /// queries and batches joined, they were a third of a settlement pass's CPU.
    /// </summary>
    public IReadOnlyList<AuditEntry> Settled(IReadOnlyCollection<SettledAnswer> answers)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return
        [
            .. answers.GroupBy(r => (r.RoundId, r.HouseholdId, r.IdHash, r.RequestedBy, r.Purpose, r.Township))
                .OrderBy(person => person.Key.HouseholdId).ThenBy(person => person.Key.IdHash, StringComparer.Ordinal)
                .SelectMany(person => Asked(person.Key, [.. person.OrderBy(a => a.Source, StringComparer.Ordinal)], now)),
        ];
    }

    /// <summary>
    /// The answers of the query that a report kept as late evidence, found by the report's time: call it only when the
    /// report kept something, so a report delivered twice is recorded once.
    /// </summary>
    public async Task LateAsync(Guid queryId, DateTime at, CancellationToken cancellationToken)
    {
        var rows = await Kept(db.AgencyAnswers.Where(a => a.QueryId == queryId && a.LateAtUtc == at)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await trail.AppendAsync(
            [.. rows.Select(r => Late(r, now, "late:" + Summary(r.LateKind, r.LateRefusalCode), $"after {Name(r.State)}; answered {at:O}"))],
            cancellationToken);
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

    private IQueryable<KeptAnswer> Kept(IQueryable<AgencyAnswerRecord> answers) =>
        from a in answers.AsNoTracking()
        join q in db.AgencyQueries on a.QueryId equals q.Id
        join b in db.Batches on a.BatchId equals b.Id
        select new KeptAnswer(
            a.QueryId, a.HouseholdId, a.IdHash, a.Source, a.State, a.LateKind, a.LateRefusalCode, q.RequestedBy, q.Purpose, q.SentAtUtc, q.Attempts, b.Township);

    /// <summary>
    /// One person's answers in a round: the outcome counts them by how they settled
    /// (<c>answered:10 refused:1 unavailable:1</c>), the detail says each source's and when. Said in as many entries as
    /// the detail's length needs, rather than clipped: a dozen sources fit in one.
    /// </summary>
    private static IEnumerable<AuditEntry> Asked(
        (Guid RoundId, Guid HouseholdId, string IdHash, string RequestedBy, string Purpose, string Township) person, IReadOnlyList<SettledAnswer> answers, DateTime now)
    {
        var prefix = $"round {person.RoundId}; ";
        var said = new List<SettledAnswer>();
        var length = prefix.Length;
        foreach (var answer in answers)
        {
            var text = Said(answer);
            if (said.Count > 0 && length + text.Length + 2 > AuditEntry.MaxDetailLength)
            {
                yield return Entry(said);
                (said, length) = ([], prefix.Length);
            }

            said.Add(answer);
            length += text.Length + 2;
        }

        yield return Entry(said);

        AuditEntry Entry(IReadOnlyList<SettledAnswer> some) => new()
        {
            AtUtc = now,
            Kind = AuditKinds.AgencyQuery,
            User = person.RequestedBy,
            Township = person.Township,
            Subject = "household:" + person.HouseholdId,
            Purpose = person.Purpose,
            // The answer's lookup hash is the audit's person hash (one key, Audit:PersonKey): nothing is decrypted to audit it.
            PersonHash = person.IdHash,
            Outcome = AuditEntry.Clip(
                string.Join(' ', some.GroupBy(a => Name(a.State)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}")),
                AuditEntry.MaxOutcomeLength),
            Detail = AuditEntry.Clip(prefix + string.Join("; ", some.Select(Said)), AuditEntry.MaxDetailLength),
        };
    }

    /// <summary>A source's answer and when: <c>tax answered:no-records at 2026-12-02T08:00:01Z</c>.</summary>
    private static string Said(SettledAnswer r) => $"{r.Source} {Summary(r)} {Settlement(r)}";

    private static AuditEntry Late(KeptAnswer r, DateTime now, string outcome, string detail) => new()
    {
        AtUtc = now,
        Kind = AuditKinds.LateAnswer,
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

    /// <summary>When the answer came or its deadline passed, to the second, or that the hub withheld the question.</summary>
    private static string Settlement(SettledAnswer r) => r switch
    {
        { State: AnswerState.Unavailable } => $"deadline {r.DeadlineUtc:s}Z",
        { State: AnswerState.Refused, RefusalCode: ReasonCodes.ConsentExpired } => "withheld by the hub",
        _ => $"at {r.AnsweredAtUtc:s}Z",
    };

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

    /// <summary>An answer kept as late evidence beside the one its round settled with.</summary>
    private sealed record KeptAnswer(
        Guid QueryId, Guid HouseholdId, string IdHash, string Source, AnswerState State, FindingKind? LateKind, string? LateRefusalCode, string RequestedBy,
        string Purpose, DateTime? SentAtUtc, int? Attempts, string Township);
}
