using System.Data.Common;
using System.Globalization;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Roll;

/// <summary>
/// Who is on the recipient roll: households join it when the city confirms their case as pass, or by an office's import of
/// its existing recipients, and leave it when an exit is confirmed.
/// </summary>
public sealed partial class RollRegister(
    HubDbContext db, BatchValidator validator, PolicyProvider policy, PersonalDataProtector personalData, TimeProvider clock, ILogger<RollRegister> logger)
{
    public const string ImportPurpose = "roll-import";

    /// <summary>Households written together in an import: bounded memory, one transaction for the whole file.</summary>
    private const int HouseholdsPerWrite = 2000;

    /// <summary>Identity numbers per lookup: well within every provider's parameter limit.</summary>
    private const int PersonsPerQuery = 500;

    /// <summary>
    /// A case became final at the city, in the caller's unit of work: a pass joins the household to the roll with the
    /// members and the evaluation it was confirmed on. A household of that township and ref already on the roll (it
    /// applied again, its members or circumstances changed) has its entry superseded (<see cref="JoinAsync"/>).
    /// </summary>
    public async Task ConfirmedAsync(Case @case, CancellationToken cancellationToken)
    {
        if (@case.Kind == CaseKinds.Recomparison)
        {
            await ReconfirmedAsync(@case, cancellationToken);
            return;
        }

        if (@case.Outcome != Outcome.Pass)
        {
            return;
        }

        var current = await db.RollHouseholds
            .SingleOrDefaultAsync(r => r.Township == @case.Township && r.Ref == @case.HouseholdRef && r.LeftAtUtc == null, cancellationToken);
        await JoinAsync(@case, current, cancellationToken);
    }

    /// <summary>
    /// A re-comparison's case became final: a confirmed fail is the household's exit from the roll (清退); otherwise the
    /// round just confirmed is what the next run asks about and compares with: its members (corrected, perhaps, on the
    /// case), its authorization (renewed, perhaps) and its evidence.
    /// </summary>
    private async Task ReconfirmedAsync(Case @case, CancellationToken cancellationToken)
    {
        var rollHouseholdId = await db.RecomparisonItems.AsNoTracking().Where(i => i.HouseholdId == @case.HouseholdId).Select(i => i.RollHouseholdId).SingleAsync(cancellationToken);
        var onRoll = await db.RollHouseholds.SingleAsync(r => r.Id == rollHouseholdId, cancellationToken);

        // The entry the run compared may have been superseded while the case was before the tiers (a renewed authorization,
        // a new application confirmed): the decision is about the household, and applies to its entry now.
        while (onRoll.SupersededById is { } next)
        {
            onRoll = await db.RollHouseholds.SingleAsync(r => r.Id == next, cancellationToken);
        }

        if (onRoll.LeftAtUtc is not null)
        {
            return;
        }

        if (@case.Outcome == Outcome.Fail)
        {
            onRoll.Leave(@case.Id, clock.GetUtcNow().UtcDateTime);
            LogLeft(logger, onRoll.Township, onRoll.Ref, @case.Id);
            return;
        }

        await JoinAsync(@case, onRoll, cancellationToken);
    }

    /// <summary>
    /// Puts the household on the roll with the members, authorization and evaluation of the round the case was confirmed
    /// on. An entry it supersedes is marked left by this case and kept, as every past entry is; the new one keeps the
    /// date the household has received the benefit since.
    /// </summary>
    private async Task JoinAsync(Case @case, RollHousehold? superseded, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == @case.HouseholdId, cancellationToken);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.HouseholdId == @case.HouseholdId && db.Rounds.Any(r => r.Id == m.RoundId && r.Number == @case.Round))
            .OrderBy(m => m.Ordinal)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // The township may have renewed the entry's authorization while the case was before the tiers.
        var renewed = superseded is not null && superseded.ConsentSignedOn > household.ConsentSignedOn;
        var joined = new RollHousehold
        {
            Id = Guid.CreateVersion7(),
            Township = @case.Township,
            Ref = @case.HouseholdRef,
            Since = superseded?.Since ?? validator.Today,
            ConsentRef = renewed ? superseded!.ConsentRef : household.ConsentRef,
            ConsentSignedOn = renewed ? superseded!.ConsentSignedOn : household.ConsentSignedOn,
            Source = RollSources.Confirmation,
            CaseId = @case.Id,
            EvaluationId = @case.EvaluationId,
            JoinedAtUtc = now,
            JoinedBy = @case.History[^1].By,
        };
        superseded?.SupersededBy(joined, @case.Id, now);
        db.RollHouseholds.Add(joined);
        db.RollMembers.AddRange(members.Select(m => new RollMember
        {
            Id = Guid.CreateVersion7(),
            RollHouseholdId = joined.Id,
            Ordinal = m.Ordinal,
            IdNumber = m.IdNumber,
            IdHash = m.IdHash,
            Name = m.Name,
            Relation = m.Relation,
        }));
        LogJoined(logger, joined.Township, joined.Ref, @case.Id);
    }

    /// <summary>
    /// Sets what a run found of imported households it compared unchanged as their baselines
    /// (<see cref="RollHousehold.BaselineRunId"/>), once each, in the caller's transaction. Conditional: an entry a renewed
    /// authorization replaced since the run read it takes none, and its successor, which copied none, gets its own from
    /// the next run.
    /// </summary>
    /// <returns>The baselines set.</returns>
    public async Task<int> SetBaselinesAsync(Guid runId, IReadOnlyList<(Guid RollId, decimal PerCapitaMonthlyIncome)> baselines, CancellationToken cancellationToken)
    {
        if (baselines.Count == 0)
        {
            return 0;
        }

        // One statement reused: the first night after an import sets one for nearly every household on the roll.
        await using var set = PreparedStatement.For<RollHousehold>(db,
            "UPDATE {Table} SET {BaselinePerCapitaMonthlyIncome} = @income, {BaselineRunId} = @run WHERE {Id} = @id AND {LeftAtUtc} IS NULL AND {BaselineRunId} IS NULL",
            ("income", nameof(RollHousehold.BaselinePerCapitaMonthlyIncome)), ("run", nameof(RollHousehold.BaselineRunId)), ("id", nameof(RollHousehold.Id)));
        set.Set("run", runId);
        var stored = 0;
        foreach (var (rollId, income) in baselines)
        {
            stored += await set.Set("id", rollId).Set("income", income).ExecuteAsync(cancellationToken);
        }

        return stored;
    }

    /// <summary>
    /// Where each of these persons is on the roll today. The one place the roll is searched by identity number, through
    /// its keyed hash: the number is stored encrypted.
    /// </summary>
    public async Task<ILookup<string, Enrolment>> EnrolmentsAsync(IEnumerable<string> idNumbers, CancellationToken cancellationToken)
    {
        var found = new List<Enrolment>();
        var byHash = idNumbers.Distinct(StringComparer.Ordinal).ToDictionary(personalData.HashIdNumber, StringComparer.Ordinal);
        foreach (var chunk in byHash.Keys.Chunk(PersonsPerQuery))
        {
            var rows = await db.RollMembers.AsNoTracking()
                .Where(m => chunk.Contains(m.IdHash))
                .Join(db.RollHouseholds.Where(r => r.LeftAtUtc == null), m => m.RollHouseholdId, r => r.Id, (m, r) => new { m.IdHash, r.Township, r.Ref })
                .ToListAsync(cancellationToken);
            found.AddRange(rows.Select(row => new Enrolment(byHash[row.IdHash], row.Township, row.Ref)));
        }

        return found.OrderBy(e => e.Township, StringComparer.Ordinal).ThenBy(e => e.HouseholdRef, StringComparer.Ordinal).ToLookup(e => e.IdNumber, StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks an import as a batch is checked, and the <c>since</c> of every household; stores all of it or, naming every
    /// bad line and field, none.
    /// </summary>
    public async Task<RollImportResult> ImportAsync(BatchRequest request, string importedBy, CancellationToken cancellationToken)
    {
        var validation = validator.Validate(request with { Purpose = ImportPurpose }, policy.Resolve);
        var problems = validation.Problems.ToList();
        var households = validation.Accepted?.Households ?? request.Households ?? [];
        var sinceByRef = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var household in households)
        {
            var reference = household.Ref?.Trim() ?? "";
            var line = household.SourceLines?.FirstOrDefault();
            if (string.IsNullOrEmpty(household.Since))
            {
                problems.Add(new SubmissionProblem(line, null, CsvBatchReader.SinceColumn, reference, "缺少享受起始日期 since（yyyy-MM-dd）"));
            }
            else if (!DateOnly.TryParseExact(household.Since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
            {
                problems.Add(new SubmissionProblem(line, null, CsvBatchReader.SinceColumn, reference, "享受起始日期 since 必须是 yyyy-MM-dd 格式的日期"));
            }
            else if (since > validator.Today)
            {
                problems.Add(new SubmissionProblem(line, null, CsvBatchReader.SinceColumn, reference, "享受起始日期 since 不能晚于今天"));
            }
            else
            {
                sinceByRef[reference] = since;
            }
        }

        if (validation.Accepted is { } accepted)
        {
            problems.AddRange(await AlreadyOnRollAsync(accepted, cancellationToken));
        }

        if (problems.Count > 0 || validation.Accepted is not { } valid)
        {
            return new RollImportResult(null, problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        int memberCount;
        try
        {
            memberCount = await StoreAsync(valid, sinceByRef, importedBy, now, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            // The same households imported at the same moment, by another request or another hub instance, took their
            // place on the roll first: the unique index refused these, and they are named as already there.
            db.ChangeTracker.Clear();
            var taken = await AlreadyOnRollAsync(valid, cancellationToken);
            if (taken.Count == 0)
            {
                throw;
            }

            return new RollImportResult(null, taken);
        }

        LogImported(logger, valid.Township!, valid.Households!.Count, memberCount, importedBy);
        await PostgresStatistics.AfterGrowthAsync(db, logger, typeof(RollMember), memberCount, [typeof(RollHousehold)], cancellationToken);
        return new RollImportResult(new RollImported(valid.Households!.Count, memberCount), []);
    }

    private async Task<List<SubmissionProblem>> AlreadyOnRollAsync(BatchRequest accepted, CancellationToken cancellationToken)
    {
        var township = accepted.Township!;
        var onRoll = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in accepted.Households!.Select(h => h.Ref!).Chunk(500))
        {
            onRoll.UnionWith(await db.RollHouseholds.AsNoTracking()
                .Where(r => r.Township == township && r.LeftAtUtc == null && chunk.Contains(r.Ref))
                .Select(r => r.Ref)
                .ToListAsync(cancellationToken));
        }

        return [.. accepted.Households!.Where(h => onRoll.Contains(h.Ref!)).Select(h =>
            new SubmissionProblem(h.SourceLines?.FirstOrDefault(), null, "household_ref", h.Ref, "该户已在本乡镇低保名册中"))];
    }

    private Task<int> StoreAsync(BatchRequest valid, Dictionary<string, DateOnly> sinceByRef, string importedBy, DateTime now, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async token =>
            {
                var stored = 0;
                foreach (var slice in valid.Households!.Chunk(HouseholdsPerWrite))
                {
                    var rows = new List<RollHousehold>(slice.Length);
                    var members = new List<RollMember>();
                    foreach (var household in slice)
                    {
                        var row = new RollHousehold
                        {
                            Id = Guid.CreateVersion7(),
                            Township = valid.Township!,
                            Ref = household.Ref!,
                            Since = sinceByRef[household.Ref!],
                            ConsentRef = household.ConsentRef!,
                            ConsentSignedOn = household.ConsentSignedOn!.Value,
                            Source = RollSources.Import,
                            JoinedAtUtc = now,
                            JoinedBy = importedBy,
                        };
                        rows.Add(row);
                        members.AddRange(household.Members!.Select((m, i) => new RollMember
                        {
                            Id = Guid.CreateVersion7(),
                            RollHouseholdId = row.Id,
                            Ordinal = i,
                            IdNumber = m.IdNumber!,
                            IdHash = personalData.HashIdNumber(m.IdNumber!),
                            Name = m.Name!,
                            Relation = m.Relation!,
                        }));
                    }

                    await db.InsertAsync(rows, token);
                    await db.InsertAsync(members, token);
                    stored += members.Count;
                }

                return stored;
            },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Household {HouseholdRef} of {Township} joined the roll by case {CaseId}")]
    private static partial void LogJoined(ILogger logger, string township, string householdRef, Guid caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Household {HouseholdRef} of {Township} left the roll by the confirmed exit of case {CaseId}")]
    private static partial void LogLeft(ILogger logger, string township, string householdRef, Guid caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roll import for {Township}: {Households} households, {Members} members, by {By}")]
    private static partial void LogImported(ILogger logger, string township, int households, int members, string by);
}
