using System.Security.Cryptography;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.StaffRelatives;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dibao.Verification.Host.PersonalData;

/// <summary>
/// Brings every stored personal value under the current key when the hub starts, after the migrations: values written
/// before encryption existed (the <c>EncryptPersonalData</c> migrations only widen the columns and add the hash columns,
/// and the <c>MembersDeclaredEncrypted</c> ones turn the declared amounts into their text, as SQL cannot know the key),
/// and values under a key since rotated out. Each value is read as stored, opened with
/// whichever key it names (or taken as it is when it predates encryption) and written back through the model, which
/// encrypts it under the current key; a missing keyed hash is computed from the number. A value already under the current
/// key is never selected, so a second start changes nothing, and an interrupted start is finished by the next one. Each
/// chunk is one transaction, so a value is never half converted.
/// <para>Finding that nothing is stale still reads every personal table whole, seconds per million rows, at every start.
/// So a completed pass is recorded (<see cref="PersonalDataPass"/>), and a start reads no table when the last pass was
/// under the same single key and over the same columns: with one key configured, every instance writes under it, and a
/// value under any other could not be read here at all. With previous keys configured, a rotation is under way and the
/// pass runs at every start; the first start after they are removed runs it once more, refusing to start should a value
/// still need one of them. A hub of a version before encryption must not run beside this one, as its plaintext would not
/// be looked for again.</para>
/// </summary>
public sealed partial class PersonalDataReencryption(
    HubDbContext db, PersonalDataProtector personalData, TimeProvider clock, ILogger<PersonalDataReencryption> logger)
{
    private const int RowsPerChunk = 500;

    /// <summary>The personal columns of each table, and the hash column computed from the identity number, if any.</summary>
    private static readonly (Type Entity, string[] Encrypted, bool Hashed)[] Tables =
    [
        (typeof(Member), [nameof(Member.IdNumber), nameof(Member.Name), nameof(Member.DeclaredMonthlyIncome), nameof(Member.DeclaredFinancialAssets)], true),
        (typeof(AgencyAnswerRecord), [nameof(AgencyAnswerRecord.FactsJson), nameof(AgencyAnswerRecord.LateFactsJson)], false),
        (typeof(RoundEvaluation),
            [nameof(RoundEvaluation.ReasonsJson), nameof(RoundEvaluation.DeclarationsJson), nameof(RoundEvaluation.PerCapitaMonthlyIncome), nameof(RoundEvaluation.PerCapitaFinancialAssets)], false),
        (typeof(OutboxMessage), [nameof(OutboxMessage.Body)], false),
        (typeof(RollMember), [nameof(RollMember.IdNumber), nameof(RollMember.Name)], true),
        (typeof(RollHousehold), [nameof(RollHousehold.BaselinePerCapitaMonthlyIncome)], false),
        (typeof(Dispute), [nameof(Dispute.IdNumber)], false),
        (typeof(RecomparisonAnswer), [nameof(RecomparisonAnswer.FindingsJson)], false),
        (typeof(RecomparisonItem), [nameof(RecomparisonItem.ConfirmedIncome), nameof(RecomparisonItem.NewIncome)], false),
    ];

    /// <summary>What a pass covers: the columns above, then the answers' and the staff register's hashes.</summary>
    private static readonly string Columns =
        string.Join("; ", Tables.Select(t => $"{t.Entity.Name}({string.Join(", ", t.Encrypted)}{(t.Hashed ? ", IdHash" : "")})"))
        + "; AgencyAnswerRecord(IdHash); StaffRelative(IdKey)";

    /// <returns>The rows changed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (await LastPassCoversAllAsync(cancellationToken))
        {
            LogNothingStale(logger, personalData.KeyId);
            return 0;
        }

        var total = 0;
        try
        {
            foreach (var (entity, encrypted, hashed) in Tables)
            {
                var rows = 0;
                int changed;
                do
                {
                    changed = await db.InTransactionAsync(token => ChunkAsync(entity, encrypted, hashed, token), cancellationToken);
                    rows += changed;
                }
                while (changed == RowsPerChunk);

                if (rows > 0)
                {
                    LogReencrypted(logger, rows, db.Model.FindEntityType(entity)!.GetTableName()!, personalData.KeyId);
                }

                total += rows;
            }

            total += await HashAnswersAsync(cancellationToken);
            var keys = await HashStaffRelativesAsync(cancellationToken);
            if (keys > 0)
            {
                LogReencrypted(logger, keys, db.Model.FindEntityType(typeof(StaffRelative))!.GetTableName()!, personalData.KeyId);
            }

            db.PersonalDataPasses.Add(new PersonalDataPass
            {
                Id = Guid.CreateVersion7(), KeyRing = personalData.Fingerprint, Columns = Columns, CompletedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            return total + keys;
        }
        catch (CryptographicException ex)
        {
            throw new HubConfigurationException(PersonalDataOptions.Section + ":" + nameof(PersonalDataOptions.PreviousKeys), ex.Message, ex);
        }
    }

    private async Task<bool> LastPassCoversAllAsync(CancellationToken cancellationToken)
    {
        if (personalData.HasPreviousKeys)
        {
            return false;
        }

        var last = await db.PersonalDataPasses.AsNoTracking().OrderByDescending(p => p.CompletedAtUtc).FirstOrDefaultAsync(cancellationToken);
        return last is not null && last.KeyRing == personalData.Fingerprint && last.Columns == Columns;
    }

    private async Task<int> ChunkAsync(Type entity, string[] encrypted, bool hashed, CancellationToken cancellationToken)
    {
        // Compared with =, not LIKE, which ignores case on SQLite: a value under key k is stale under K. SQL Server's default
        // collation ignores case in = too, so there the guard is the start-up's refusal of key ids differing only in case
        // (PersonalDataKeys).
        var prefix = personalData.CurrentPrefix;
        var stale = string.Join(" OR ", encrypted.Select(c => $"({{{c}}} IS NOT NULL AND SUBSTRING({{{c}}}, 1, {prefix.Length}) <> '{prefix}')"));
        if (hashed)
        {
            stale += $" OR {{{nameof(Member.IdHash)}}} = ''";
        }

        var columns = string.Join(", ", encrypted.Select(c => $"{{{c}}}"));
        var sql = db.Database.IsSqlServer()
            ? $"SELECT TOP ({RowsPerChunk}) {{Id}}, {columns} FROM {{Table}} WHERE {stale}"
            : $"SELECT {{Id}}, {columns} FROM {{Table}} WHERE {stale} LIMIT {RowsPerChunk}";

        // Read through each column's converter, which opens a value under any key it holds, takes plaintext as it is, and
        // gives the model's type back: an amount is written back as the amount it was, not as its text.
        var properties = db.Model.FindEntityType(entity)!;
        var converters = encrypted.Select(c => properties.FindProperty(c)!.GetValueConverter()!).ToArray();
        var rows = new List<(Guid Id, object?[] Values)>();
        await using (var select = db.Database.GetDbConnection().CreateCommand())
        {
            select.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            select.CommandText = PreparedStatement.Render(db, entity, sql);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), [.. converters.Select((converter, i) => reader.IsDBNull(i + 1) ? null : converter.ConvertFromProvider(reader.GetString(i + 1)))]));
            }
        }

        var set = string.Join(", ", encrypted.Select(c => $"{{{c}}} = @{c}"));
        if (hashed)
        {
            set += $", {{{nameof(Member.IdHash)}}} = @{nameof(Member.IdHash)}";
        }

        await using var update = new PreparedStatement(db, entity, $"UPDATE {{Table}} SET {set} WHERE {{Id}} = @Id",
            [.. encrypted.Append("Id").Concat(hashed ? [nameof(Member.IdHash)] : []).Select(c => (c, c))]);
        foreach (var (id, values) in rows)
        {
            update.Set("Id", id);
            for (var i = 0; i < encrypted.Length; i++)
            {
                update.Set(encrypted[i], values[i]);
            }

            if (hashed)
            {
                // The first personal column of a hashed table is its identity number.
                update.Set(nameof(Member.IdHash), personalData.HashIdNumber((string)values[0]!));
            }

            await update.ExecuteAsync(cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>
    /// An answer keeps no identity number of its own, only its member's hash: an answer stored before hashes existed
    /// takes the hash its member was just given.
    /// </summary>
    private Task<int> HashAnswersAsync(CancellationToken cancellationToken) =>
        db.AgencyAnswers.Where(a => a.IdHash == "")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.IdHash, a => db.Members.Where(m => m.Id == a.MemberId).Select(m => m.IdHash).Single()), cancellationToken);

    /// <summary>The register kept numbers, normalized, as its lookup keys before they became keyed hashes (64 hex digits).</summary>
    private async Task<int> HashStaffRelativesAsync(CancellationToken cancellationToken)
    {
        var plain = await db.StaffRelatives.AsNoTracking()
            .Where(r => r.IdKey.Length != IdentityLookup.MaxKeyLength)
            .Select(r => new { r.Id, r.IdKey })
            .ToListAsync(cancellationToken);
        foreach (var row in plain)
        {
            var key = personalData.HashIdNumber(row.IdKey);
            await db.StaffRelatives.Where(r => r.Id == row.Id && r.IdKey == row.IdKey)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.IdKey, key), cancellationToken);
        }

        return plain.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data at rest: all under encryption key {KeyId} since the last pass; no table read")]
    private static partial void LogNothingStale(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data at rest: {Rows} rows of {Table} brought under encryption key {KeyId}")]
    private static partial void LogReencrypted(ILogger logger, int rows, string table, string keyId);
}
