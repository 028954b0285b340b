using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>
/// The register of staff members' close relatives (近亲属备案): kept by admins within their jurisdiction, read when a
/// household's round is evaluated and when someone signs a case. Identity numbers are found through <see cref="IdentityLookup"/> only.
/// </summary>
public sealed partial class StaffRelativeRegister(HubDbContext db, IdentityLookup lookup, TimeProvider clock, OfficeClock office, ILogger<StaffRelativeRegister> logger)
{
    /// <summary>Keys per statement: well within every provider's limit on parameters.</summary>
    private const int KeysPerQuery = 500;

    /// <summary>
    /// Checks every row as a batch is checked: all problems named by line (or path) and field, and a row outside the caller's
    /// jurisdiction is one of them.
    /// </summary>
    /// <param name="jurisdiction">The jurisdiction of rows that name none.</param>
    public (IReadOnlyList<StaffRelativeRequest> Accepted, IReadOnlyList<SubmissionProblem> Problems) Validate(
        IReadOnlyList<StaffRelativeRow> rows, Caller caller, string jurisdiction)
    {
        var problems = new List<SubmissionProblem>();
        var accepted = new List<StaffRelativeRequest>(rows.Count);
        var seen = new Dictionary<(string, string), string>();
        var today = office.Today;
        if (rows.Count == 0)
        {
            problems.Add(new SubmissionProblem(null, "$", "rows", null, "没有要登记的近亲属"));
        }

        foreach (var row in rows)
        {
            var csv = row.Line is not null;
            SubmissionProblem At(string field, string csvField, string message) =>
                new(row.Line, csv ? null : Join(row.Path, field), csv ? csvField : field, null, message);

            var staff = row.Request.StaffUser?.Trim() ?? "";
            if (staff.Length is 0 or > Caller.MaxUserLength || staff == CaseActions.System)
            {
                problems.Add(At("staffUser", "staff_user", $"工作人员用户名（与其令牌中的用户名一致）不能为空，且不超过{Caller.MaxUserLength}个字符"));
            }

            var id = IdentityNumber.Normalize(row.Request.IdNumber ?? "");
            if (IdentityNumber.Problem(id, today) is { } idProblem)
            {
                problems.Add(At("idNumber", "id_number", "身份证号码无效：" + idProblem));
            }
            else if (staff.Length > 0 && !seen.TryAdd((staff, lookup.KeyOf(id)), row.Line is { } l ? $"第{l}行" : row.Path ?? ""))
            {
                problems.Add(At("idNumber", "id_number", $"与{seen[(staff, lookup.KeyOf(id))]}重复"));
            }

            var relation = row.Request.Relation?.Trim().ToLowerInvariant() ?? "";
            if (!StaffRelativeRelations.All.Contains(relation))
            {
                problems.Add(At("relation", "relation", "关系必须是 " + string.Join("、", StaffRelativeRelations.All)));
            }

            var where = string.IsNullOrWhiteSpace(row.Request.Jurisdiction) ? jurisdiction : row.Request.Jurisdiction.Trim();
            if (where.Length is not (4 or 6 or 9) || !where.All(char.IsAsciiDigit))
            {
                problems.Add(At("jurisdiction", StaffRelativeCsvReader.JurisdictionColumn, "辖区代码必须是市（4位）、县（6位）或乡镇（9位）代码"));
            }
            else if (!caller.Covers(where))
            {
                problems.Add(At("jurisdiction", StaffRelativeCsvReader.JurisdictionColumn, $"不在您的辖区（{caller.Jurisdiction}）内"));
            }

            accepted.Add(new StaffRelativeRequest(staff, id, relation, where));
        }

        return problems.Count > 0 ? ([], problems) : (accepted, problems);
    }

    /// <summary>Puts checked entries on the register in one transaction; those already on it stay as they are.</summary>
    public async Task<(IReadOnlyList<StaffRelative> Entries, StaffRelativeImported Counts)> AddAsync(
        IReadOnlyList<StaffRelativeRequest> accepted, string by, CancellationToken cancellationToken)
    {
        var (entries, counts) = await db.InTransactionAsync(
            async token =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var staff = accepted.Select(r => r.StaffUser!).Distinct().ToList();
                var existing = await db.StaffRelatives
                    .Where(r => r.RemovedAtUtc == null && staff.Contains(r.StaffUser))
                    .ToListAsync(token);
                var byKey = existing.ToLookup(r => (r.StaffUser, r.IdKey)).ToDictionary(g => g.Key, g => g.ToList());
                var result = new List<StaffRelative>(accepted.Count);
                var added = 0;
                foreach (var request in accepted)
                {
                    var key = lookup.KeyOf(request.IdNumber!);
                    // Already registered where an entry's jurisdiction takes in the one asked for (the county's covers its
                    // townships). Another jurisdiction's entry for the same pair is theirs: neither shown nor counted here.
                    var entries = byKey.TryGetValue((request.StaffUser!, key), out var found) ? found : byKey[(request.StaffUser!, key)] = [];
                    if (entries.Find(e => request.Jurisdiction!.StartsWith(e.Jurisdiction, StringComparison.Ordinal)) is { } known)
                    {
                        result.Add(known);
                        continue;
                    }

                    var entry = new StaffRelative
                    {
                        Id = Guid.CreateVersion7(),
                        StaffUser = request.StaffUser!,
                        IdKey = key,
                        IdNumberMasked = IdentityNumber.Mask(request.IdNumber),
                        Relation = request.Relation!,
                        Jurisdiction = request.Jurisdiction!,
                        RegisteredBy = by,
                        RegisteredAtUtc = now,
                    };
                    db.StaffRelatives.Add(entry);
                    entries.Add(entry);
                    result.Add(entry);
                    added++;
                }

                await db.SaveChangesAsync(token);
                return (result, new StaffRelativeImported(added, accepted.Count - added));
            },
            cancellationToken);
        LogRegistered(logger, counts.Added, counts.AlreadyRegistered, by);
        return (entries, counts);
    }

    /// <returns>False when there is no such entry on the register.</returns>
    public async Task<bool> RemoveAsync(Guid id, string by, CancellationToken cancellationToken)
    {
        var entry = await db.StaffRelatives.SingleOrDefaultAsync(r => r.Id == id && r.RemovedAtUtc == null, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        entry.Remove(by, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        LogRemoved(logger, id, entry.StaffUser, by);
        return true;
    }

    /// <param name="scope">The jurisdiction read in; entries whose jurisdiction lies within it.</param>
    public async Task<StaffRelativeList> ListAsync(string scope, string? staffUser, string? idNumber, CancellationToken cancellationToken)
    {
        var entries = db.StaffRelatives.AsNoTracking().Where(r => r.RemovedAtUtc == null && r.Jurisdiction.StartsWith(scope));
        if (!string.IsNullOrWhiteSpace(staffUser))
        {
            entries = entries.Where(r => r.StaffUser == staffUser.Trim());
        }

        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            var key = lookup.KeyOf(idNumber);
            entries = entries.Where(r => r.IdKey == key);
        }

        var list = await entries.OrderBy(r => r.StaffUser).ThenBy(r => r.RegisteredAtUtc).ToListAsync(cancellationToken);
        return new StaffRelativeList([.. list.Select(StaffRelativeView.Of)]);
    }

    /// <summary>The register's entries for these persons, by identity number, for a round's evaluation: one statement per few hundred persons.</summary>
    public async Task<ILookup<string, StaffTie>> TiesAsync(IEnumerable<string> idNumbers, CancellationToken cancellationToken)
    {
        var byKey = idNumbers.Distinct(StringComparer.Ordinal).ToLookup(lookup.KeyOf, StringComparer.Ordinal);
        var ties = new List<StaffTie>();
        if (byKey.Count == 0 || !await db.StaffRelatives.AnyAsync(r => r.RemovedAtUtc == null, cancellationToken))
        {
            return ties.ToLookup(t => t.IdNumber);
        }

        foreach (var keys in byKey.Select(g => g.Key).Chunk(KeysPerQuery))
        {
            var entries = await db.StaffRelatives.AsNoTracking()
                .Where(r => r.RemovedAtUtc == null && keys.Contains(r.IdKey))
                .OrderBy(r => r.StaffUser)
                .Select(r => new { r.IdKey, r.StaffUser, r.Relation, r.Jurisdiction })
                .ToListAsync(cancellationToken);
            ties.AddRange(entries.SelectMany(e => byKey[e.IdKey].Select(id => new StaffTie(id, e.StaffUser, e.Relation, e.Jurisdiction))));
        }

        return ties.ToLookup(t => t.IdNumber, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the user is on the register, by an entry whose jurisdiction takes in the household's township, for a member
    /// of any round of the household.
    /// </summary>
    public async Task<bool> IsRelativeAsync(string staffUser, Guid householdId, string township, CancellationToken cancellationToken)
    {
        var keys = (await db.StaffRelatives.AsNoTracking()
                .Where(r => r.StaffUser == staffUser && r.RemovedAtUtc == null)
                .Select(r => new { r.IdKey, r.Jurisdiction })
                .ToListAsync(cancellationToken))
            .Where(r => township.StartsWith(r.Jurisdiction, StringComparison.Ordinal))
            .Select(r => r.IdKey)
            .ToList();
        if (keys.Count == 0)
        {
            return false;
        }

        // Members' hashes are the register's keys: nothing needs decrypting.
        return await db.Members.AsNoTracking().AnyAsync(m => m.HouseholdId == householdId && keys.Contains(m.IdHash), cancellationToken);
    }

    private static string Join(string? path, string field) => string.IsNullOrEmpty(path) ? field : $"{path}.{field}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff-relatives register: {Added} entries added, {Unchanged} already registered, by {By}")]
    private static partial void LogRegistered(ILogger logger, int added, int unchanged, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff-relatives register: entry {EntryId} of {StaffUser} removed by {By}")]
    private static partial void LogRemoved(ILogger logger, Guid entryId, string staffUser, string by);
}
