using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>
/// Identity numbers, names, declared amounts, the agencies' facts and the figures a head evaluated from them are stored encrypted, found by keyed hash, converted
/// from plaintext rows at start-up once, and re-encrypted under a new key; every lookup keeps working through each step.
/// </summary>
public sealed class PersonalDataAtRestTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private const string Staff = "county-07";

    /// <summary>What one member declares: figures no other value in the database shows.</summary>
    private const decimal DeclaredIncome = 3172.49m;
    private const decimal DeclaredAssets = 86413.27m;

    /// <summary>Every personal column of each table, the identity number first where the table has a hash beside it.</summary>
    private static readonly (string Table, string[] Columns, bool Hashed)[] Personal =
    [
        ("Members", ["IdNumber", "Name", "DeclaredMonthlyIncome", "DeclaredFinancialAssets"], true),
        ("AgencyAnswers", ["FactsJson", "LateFactsJson"], false),
        ("Evaluations", ["ReasonsJson", "DeclarationsJson", "PerCapitaMonthlyIncome", "PerCapitaFinancialAssets"], false),
        ("Outbox", ["Body"], false),
    ];

    [Fact]
    public async Task After_a_batch_the_database_file_holds_no_identity_number_name_or_balance_and_lookups_by_number_still_work()
    {
        await using var hub = await RunningHub.StartAsync();
        await ShouldHoldNoPlaintextAsync(hub, start: 5_200);
    }

    [Fact]
    public async Task Plaintext_rows_are_encrypted_once_at_start_up_and_a_new_key_re_encrypts_everything_without_losing_a_lookup() =>
        await ShouldConvertAndRotateAsync(await RunningHub.StartAsync(), start: 5_400);

    /// <summary>A batch verified, then the database read as anyone with a copy of it would: nothing personal shows.</summary>
    internal static async Task ShouldHoldNoPlaintextAsync(RunningHub hub, int start)
    {
        var households = Households(hub, start, count: 6);
        await RegisterAsync(hub, households[0].Members[^1].IdNumber);
        var view = await VerifyAsync(hub, households);

        var secrets = await SecretsAsync(hub, households);
        var stored = await DatabaseBytesAsync(hub);
        foreach (var (what, secret) in secrets)
        {
            stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, $"{what} in plaintext in the database");
        }

        await ShouldFindByNumberAsync(hub, households, view);
        await ShouldShowFiguresAsync(hub, households, view);
    }

    /// <summary>Rows as a hub before encryption left them, restarted into encryption, again, under a new key, then without the old one.</summary>
    /// <param name="first">A hub the method restarts and finally disposes.</param>
    internal static async Task ShouldConvertAndRotateAsync(RunningHub first, int start)
    {
        var households = Households(first, start, count: 3);
        await RegisterAsync(first, households[0].Members[^1].IdNumber);
        var view = await VerifyAsync(first, households);
        var before = await LookupsAsync(first, households, view);
        before.ShouldContain(Declared([(DeclaredIncome, DeclaredAssets)]));
        await StoreAsPlaintextAsync(first, households[0].Members[^1].IdNumber);
        (await RawAsync(first, "Members", "IdNumber")).ShouldContain(households[0].Members[0].IdNumber, "the rows are as a hub before encryption left them");

        var second = await first.RestartAsync();
        var converted = await ShouldAllBeUnderAsync(second, "1");
        (await LookupsAsync(second, households, view)).ShouldBe(before);

        var third = await second.RestartAsync();
        (await ShouldAllBeUnderAsync(third, "1")).ShouldBe(converted, "a second start changes nothing");

        var newKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var rotated = await third.RestartAsync("Encryption:KeyId=2", $"Encryption:Key={newKey}", $"Encryption:PreviousKeys:1={PersonalDataKeys.WellKnownTestKey}");
        await ShouldAllBeUnderAsync(rotated, "2");
        (await LookupsAsync(rotated, households, view)).ShouldBe(before);

        await using var retired = await rotated.RestartAsync("Encryption:KeyId=2", $"Encryption:Key={newKey}");
        (await LookupsAsync(retired, households, view)).ShouldBe(before, "once re-encrypted, the old key is no longer needed");
    }

    private static List<SyntheticHousehold> Households(RunningHub hub, int start, int count) =>
        [.. hub.Sandbox.Population.Households(start).Where(h => h.Members.Count >= 2).Take(count)];

    private static async Task RegisterAsync(RunningHub hub, string idNumber) =>
        (await hub.ClientAs(HubRoles.Admin, "2201", "admin-01").PostAsJsonAsync("/api/v1/staff-relatives", new { staffUser = Staff, idNumber, relation = "sibling", jurisdiction = "220105" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

    private static async Task<BatchView> VerifyAsync(RunningHub hub, List<SyntheticHousehold> households)
    {
        // One member declares: the declarations set against what was found name every member and their found figures.
        var declaring = households[1].Members[0];
        var response = await hub.SubmitAsync(new
        {
            township = RunningHub.Township,
            purpose = "new-application",
            asOf = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            households = households.Select(h => new
            {
                @ref = h.HouseholdRef,
                consentRef = h.ConsentRef,
                members = h.Members.Select(m => new
                {
                    idNumber = m.IdNumber,
                    name = m.Name,
                    relation = m.Relation.ToString().ToLowerInvariant(),
                    declaredMonthlyIncome = m == declaring ? DeclaredIncome : (decimal?)null,
                    declaredFinancialAssets = m == declaring ? DeclaredAssets : (decimal?)null,
                }),
            }),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!, TimeSpan.FromMinutes(3));
        view.Households.Single(h => h.Ref == households[0].HouseholdRef).Verification.Reasons
            .ShouldContain(r => r.Code == ReasonCodes.StaffRelativeReview, "the register found the relative among the members by hash");
        var declared = view.Households.Single(h => h.Ref == households[1].HouseholdRef).Verification.Declarations.ShouldNotBeNull().Total;
        (declared.DeclaredMonthlyIncome, declared.DeclaredFinancialAssets).ShouldBe((DeclaredIncome, DeclaredAssets), "the amounts are read back to be evaluated");
        return view;
    }

    /// <summary>What a leak would show: every number and name, and the balances the agencies' stored facts quote.</summary>
    private static async Task<List<(string What, string Secret)>> SecretsAsync(RunningHub hub, List<SyntheticHousehold> households)
    {
        var members = households.SelectMany(h => h.Members).ToList();
        var facts = string.Concat(await hub.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().Where(a => a.FactsJson != null).Select(a => a.FactsJson).ToListAsync()));
        var balances = members
            .SelectMany(m => hub.Sandbox.Population.Describe(m.IdNumber, AsOf).BankAccounts.Select(a => a.Balance))
            .Select(b => b.ToString(CultureInfo.InvariantCulture))
            .Where(b => b.Length >= 5 && facts.Contains(b, StringComparison.Ordinal))
            .ToList();
        balances.ShouldNotBeEmpty("the stored facts quote balances, which the file must not show");

        // A figure a head as any store would write it begins with its shortest text (SQLite's 612.3, a server's 612.30). Only
        // those with a point after three digits or more: no hash, id or time of day holds one.
        var perCapita = (await hub.QueryDatabaseAsync(db => db.Evaluations.AsNoTracking().Select(e => new { e.PerCapitaMonthlyIncome, e.PerCapitaFinancialAssets }).ToListAsync()))
            .SelectMany(e => new[] { ("an income a head", e.PerCapitaMonthlyIncome), ("financial assets a head", e.PerCapitaFinancialAssets) })
            .Where(e => e.Item2 is not null)
            .Select(e => (What: e.Item1, Text: e.Item2!.Value.ToString("0.############################", CultureInfo.InvariantCulture)))
            .Where(e => e.Text.IndexOf('.', StringComparison.Ordinal) >= 3)
            .ToList();
        perCapita.ShouldContain(e => e.What == "an income a head", "the evaluations' figures a head, which the file must not show");
        return
        [
            .. members.Select(m => ("an identity number", m.IdNumber)),
            .. members.Select(m => ("a name", m.Name)),
            .. balances.Select(b => ("a balance", b)),
            .. perCapita,
            ("a declared income", DeclaredIncome.ToString(CultureInfo.InvariantCulture)),
            ("a declared amount of savings", DeclaredAssets.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>
    /// SQLite: the database file and its write-ahead log, as anyone with a copy of them would read them. A server: every
    /// row of every table as text, as a dump would show them.
    /// </summary>
    private static async Task<byte[]> DatabaseBytesAsync(RunningHub hub)
    {
        var (sqlite, path) = await hub.QueryDatabaseAsync(db => Task.FromResult((db.Database.IsSqlite(), db.Database.GetDbConnection().DataSource)));
        using var all = new MemoryStream();
        if (sqlite)
        {
            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await stream.CopyToAsync(all);
            }
        }
        else
        {
            var rows = await hub.QueryDatabaseAsync(async db =>
            {
                var tables = await ReadAsync(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
                tables.ShouldContain(t => t[0] == "Members");
                var text = new List<string?>();
                foreach (var table in tables)
                {
                    text.AddRange((await ReadAsync(db, $"SELECT t::text FROM \"{table[0]}\" t")).Select(r => r[0]));
                }

                return text;
            });
            all.Write(Encoding.UTF8.GetBytes(string.Join("\n", rows)));
        }

        all.Length.ShouldBeGreaterThan(0);
        return all.ToArray();
    }

    private static async Task ShouldFindByNumberAsync(RunningHub hub, List<SyntheticHousehold> households, BatchView view)
    {
        var lookups = await LookupsAsync(hub, households, view);
        var audited = $"audit {households[1].Members[0].IdNumber[..6]}: 1 agency-query, round ";
        lookups.ShouldContain(l => l.StartsWith(audited, StringComparison.Ordinal));

        // The case awaits the township's review: its caseworker reads the full numbers, the other readers masked ones.
        var caseId = view.Households.Single(h => h.Ref == households[0].HouseholdRef).CaseId!.Value;
        var ids = households[0].Members.Select(m => m.IdNumber).Order().ToList();
        var readers = new Dictionary<string, HttpClient>
        {
            ["township"] = hub.Client,
            ["county"] = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01"),
            ["auditor"] = hub.ClientAs(HubRoles.Auditor, "2201", "auditor-01"),
        };
        foreach (var (reader, client) in readers)
        {
            var expected = reader == "township" ? ids : [.. ids.Select(IdentityNumber.Mask).Order()];
            var caseView = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
            caseView.GetProperty("tier").GetString().ShouldBe("township");
            string.Join(",", caseView.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("idNumber").GetString()).Distinct().Order())
                .ShouldBe(string.Join(",", expected), reader);
            caseView.GetProperty("verification").GetProperty("reasons").EnumerateArray()
                .Select(r => r.GetProperty("idNumber").GetString()).OfType<string>().ShouldAllBe(id => expected.Contains(id), reader);
            var round = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/rounds/1");
            string.Join(",", round.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("idNumber").GetString()).Order())
                .ShouldBe(string.Join(",", expected), reader);
            round.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Order()
                .ShouldBe(households[0].Members.Select(m => m.Name).Order(), $"{reader}: names are decrypted for every reader");
        }
    }

    /// <summary>Encrypted at rest, the figures a head still show where the township reads them: the batch's view and its export.</summary>
    private static async Task ShouldShowFiguresAsync(RunningHub hub, List<SyntheticHousehold> households, BatchView view)
    {
        var csv = await hub.Client.GetStringAsync($"/api/v1/batches/{view.BatchId}/results.csv");
        var shown = 0;
        foreach (var household in households)
        {
            var verification = view.Households.Single(h => h.Ref == household.HouseholdRef).Verification;
            verification.PerCapitaMonthlyIncome.ShouldBe(hub.Oracle.Expect(household, AsOf).PerCapitaMonthlyIncome, household.HouseholdRef);
            if (verification is { PerCapitaMonthlyIncome: { } income, PerCapitaFinancialAssets: { } assets })
            {
                csv.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"{household.HouseholdRef},{household.Members.Count},{verification.Outcome},{income:0.00},{assets:0.00},"));
                shown++;
            }
        }

        shown.ShouldBePositive("a household whose figures the export shows");
    }

    /// <summary>
    /// What reading by number shows: the case's evidence and result, the audit trail by person, the register by number; and
    /// the members' declared amounts as a correction or the next round reads them.
    /// </summary>
    private static async Task<List<string>> LookupsAsync(RunningHub hub, List<SyntheticHousehold> households, BatchView view)
    {
        var caseId = view.Households.Single(h => h.Ref == households[0].HouseholdRef).CaseId!.Value;
        var caseView = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        var person = households[1].Members[0].IdNumber;
        var audit = await hub.ClientAs(HubRoles.Auditor, "2201", "auditor-01").GetFromJsonAsync<AuditPage>($"/api/v1/audit?idNumber={person}&pageSize=1000", HubJson.Options);
        // The lookups read by number are audited by person too: only the agencies' answers stay the same from one to the next.
        var queried = audit!.Entries.Where(e => e.Kind == AuditKinds.AgencyQuery).ToList();
        var relative = households[0].Members[^1].IdNumber;
        var register = await hub.ClientAs(HubRoles.Admin, "2201", "admin-01").GetFromJsonAsync<JsonElement>($"/api/v1/staff-relatives?idNumber={relative}");
        var declared = await hub.QueryDatabaseAsync(db => db.Members.AsNoTracking().Select(m => new { m.DeclaredMonthlyIncome, m.DeclaredFinancialAssets }).ToListAsync());
        return
        [
            $"case {caseView.GetProperty("evidence").GetRawText()} {caseView.GetProperty("verification").GetRawText()}",
            $"audit {person[..6]}: {queried.Count} agency-query, {string.Join(" | ", queried.Select(e => e.Detail))}",
            $"register {register.GetRawText()}",
            Declared(declared.Where(d => d.DeclaredMonthlyIncome is not null || d.DeclaredFinancialAssets is not null).Select(d => (d.DeclaredMonthlyIncome, d.DeclaredFinancialAssets))),
        ];
    }

    private static string Declared(IEnumerable<(decimal? Income, decimal? Assets)> amounts) =>
        "declared " + string.Join(" | ", amounts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Income}/{a.Assets}")));

    /// <summary>Every personal value back as a hub before encryption stored it: plaintext, no hashes, numbers as the register's keys.</summary>
    private static async Task StoreAsPlaintextAsync(RunningHub hub, string relative)
    {
        var protector = hub.Services.GetRequiredService<PersonalDataProtector>();
        await hub.QueryDatabaseAsync(async db =>
        {
            foreach (var (table, columns, hashed) in Personal)
            {
                foreach (var row in await ReadAsync(db, $"SELECT \"Id\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\""))
                {
                    // Null columns stay null: only values are rewritten.
                    var present = columns.Select((c, i) => (Column: c, Value: row[i + 1])).Where(c => c.Value is not null).ToList();
                    if (present.Count == 0)
                    {
                        continue;
                    }

                    var set = string.Join(", ", present.Select((c, i) => $"\"{c.Column}\" = {{{i + 1}}}")) + (hashed ? ", \"IdHash\" = ''" : "");
                    var update = $"UPDATE \"{table}\" SET {set} WHERE CAST(\"Id\" AS TEXT) = {{0}}";
                    await db.Database.ExecuteSqlRawAsync(update, [row[0]!, .. present.Select(c => protector.Unprotect(c.Value!))]);
                }
            }

            // An answer has only its member's hash, which it lacked before hashes existed too.
            (await db.Database.ExecuteSqlRawAsync("UPDATE \"AgencyAnswers\" SET \"IdHash\" = ''")).ShouldBePositive();

            // Nor did that hub record a pass over its columns.
            await db.PersonalDataPasses.ExecuteDeleteAsync();
            var relatives = await db.StaffRelatives.AsNoTracking().Select(r => r.Id).ToListAsync();
            relatives.Count.ShouldBe(1);
            return await db.StaffRelatives.ExecuteUpdateAsync(s => s.SetProperty(r => r.IdKey, relative));
        });
    }

    /// <summary>Asserts every personal value is under the key and every hash is the number's; returns the raw rows.</summary>
    private static async Task<List<string>> ShouldAllBeUnderAsync(RunningHub hub, string keyId)
    {
        var protector = hub.Services.GetRequiredService<PersonalDataProtector>();
        return await hub.QueryDatabaseAsync(async db =>
        {
            var raw = new List<string>();
            foreach (var (table, columns, hashed) in Personal)
            {
                var select = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))}{(hashed ? ", \"IdHash\"" : "")} FROM \"{table}\"";
                var rows = await ReadAsync(db, select);
                rows.ShouldNotBeEmpty(table);
                foreach (var row in rows)
                {
                    foreach (var value in row.Take(columns.Length).OfType<string>())
                    {
                        value.ShouldStartWith($"enc:{keyId}:", customMessage: $"{table}: a value not under key {keyId}");
                    }

                    if (hashed)
                    {
                        row[^1].ShouldBe(protector.HashIdNumber(protector.Unprotect(row[0]!)), $"{table}: the hash of its number");
                    }

                    raw.Add(string.Join("|", row));
                }
            }

            (await ReadAsync(db, "SELECT a.\"IdHash\", m.\"IdHash\" FROM \"AgencyAnswers\" a JOIN \"Members\" m ON m.\"Id\" = a.\"MemberId\""))
                .ShouldAllBe(r => (string)r[0]! == (string)r[1]!, "an answer's hash is its member's");
            (await ReadAsync(db, "SELECT \"IdKey\" FROM \"StaffRelatives\"")).ShouldAllBe(r => r[0]!.Length == 64, "the register's keys are hashes");
            return raw;
        });
    }

    /// <summary>A column as stored, past the model's converter.</summary>
    internal static Task<List<string?>> RawAsync(RunningHub hub, string table, string column) =>
        hub.QueryDatabaseAsync(async db => (await ReadAsync(db, $"SELECT \"{column}\" FROM \"{table}\"")).Select(r => r[0]).ToList());

    /// <summary>Columns as stored, past the model's converters.</summary>
    private static async Task<List<string?[]>> ReadAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string?[]>();
            while (await reader.ReadAsync())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))]);
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
