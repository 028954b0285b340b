using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Host.Tests.Recomparison;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Roll;

/// <summary>The recipient roll through the API: joined by the city's confirmation of a pass, or by an import.</summary>
public sealed class RollTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_household_the_city_confirms_as_pass_joins_the_roll_with_its_members_and_evidence_and_no_other_does()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay);
        var households = hub.Sandbox.Population.Households(start: 300).Take(12).ToList();
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);
        var passed = batch.Households.Where(h => h.Final?.Outcome == "pass").Select(h => h.Ref).Order().ToList();
        passed.ShouldNotBeEmpty("the test needs households the hub confirms as pass by itself");
        batch.Households.ShouldContain(h => h.Final == null || h.Final.Outcome != "pass", "the test needs households that do not pass");

        var page = await hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01").GetFromJsonAsync<RollPage>("/api/v1/roll?pageSize=1000");
        page!.Items.Select(i => i.Ref).Order().ShouldBe(passed);
        page.HasMore.ShouldBeFalse();
        foreach (var item in page.Items)
        {
            var household = households.Single(h => h.HouseholdRef == item.Ref);
            item.Source.ShouldBe(RollSources.Confirmation);
            item.CaseId.ShouldBe(batch.Households.Single(h => h.Ref == item.Ref).CaseId);
            item.Members.Select(m => m.IdNumber).ShouldBe(household.Members.Select(m => IdentityNumber.Mask(m.IdNumber)));
            item.Members.Select(m => m.Name).ShouldBe(household.Members.Select(m => m.Name));
        }

        // The evidence it joined on is the evaluation the city confirmed.
        var joined = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().ToListAsync());
        var confirmed = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.ConfirmedAtUtc != null).ToDictionaryAsync(c => c.Id, c => c.EvaluationId));
        joined.ShouldAllBe(r => r.EvaluationId == confirmed[r.CaseId!.Value]);

        (await hub.ClientAs(HubRoles.CountyReviewer, "220106", "county-02").GetFromJsonAsync<RollPage>("/api/v1/roll"))!.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_household_on_the_roll_that_applies_again_and_is_confirmed_supersedes_its_entry_and_keeps_its_since()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay);
        var households = hub.Sandbox.Population.Households(start: 300).Take(12).ToList();
        (await ImportAsync(hub, HouseholdBatches.RollCsv(households, _ => "2023-01-01"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);

        var passed = batch.Households.Where(h => h.Final?.Outcome == "pass").ToList();
        passed.ShouldNotBeEmpty("the test needs households the hub confirms as pass by itself");
        var entries = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().ToListAsync());
        foreach (var household in passed)
        {
            var current = entries.Single(r => r.Ref == household.Ref && r.LeftAtUtc == null);
            current.CaseId.ShouldBe(household.CaseId);
            current.Since.ShouldBe(new DateOnly(2023, 1, 1));
            var earlier = entries.Single(r => r.Ref == household.Ref && r.LeftAtUtc != null);
            (earlier.Source, earlier.LeftByCaseId).ShouldBe((RollSources.Import, household.CaseId));
        }

        entries.Count(r => r.LeftAtUtc == null).ShouldBe(households.Count);
    }

    [Fact]
    public async Task Existing_recipients_are_imported_from_csv_with_since_all_or_none_naming_every_bad_line()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 40).Take(3).ToList();

        var good = await ImportAsync(hub, HouseholdBatches.RollCsv(households[..2], _ => "2024-03-01"));
        good.StatusCode.ShouldBe(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        var imported = await good.Content.ReadFromJsonAsync<RollImported>();
        imported.ShouldBe(new RollImported(2, households[..2].Sum(h => h.Members.Count)));

        var page = await hub.Client.GetFromJsonAsync<RollPage>("/api/v1/roll");
        page!.Items.Select(i => (i.Ref, i.Since, i.Source)).Order().ShouldBe(
            households[..2].Select(h => (h.HouseholdRef, new DateOnly(2024, 3, 1), RollSources.Import)).Order());

        // Again, with a third household whose since is not a date: nothing is stored, and both problems are named.
        var again = await ImportAsync(hub, HouseholdBatches.RollCsv(households, h => h == households[2] ? "2024/03/01" : "2024-03-01"));
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        errors.ShouldContain((2, "household_ref"));
        errors.ShouldContain((2 + households[0].Members.Count + households[1].Members.Count, "since"));
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync())).ShouldBe(2);

        var missing = await ImportAsync(hub, HouseholdBatches.Csv([households[2]]));
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("since");

        var elsewhere = await hub.Client.PostAsync("/api/v1/roll/imports?jurisdiction=220105002", new StringContent(HouseholdBatches.RollCsv([households[2]], _ => "2024-03-01"), Encoding.UTF8, "text/csv"));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task The_same_import_sent_twice_at_once_stores_the_households_once_and_names_them_to_the_other()
    {
        // Large enough that both sends are checked before either is stored: the unique index then refuses the second.
        await using var hub = await RunningHub.StartAsync();
        var csv = HouseholdBatches.RollCsv([.. hub.Sandbox.Population.Households(start: 5000).Take(1500)], _ => "2024-03-01");

        var both = await Task.WhenAll(ImportAsync(hub, csv), ImportAsync(hub, csv));

        both.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.BadRequest]);
        var errors = (await both.Single(r => r.StatusCode == HttpStatusCode.BadRequest).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(e => e.GetProperty("field").GetString() == "household_ref");
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync())).ShouldBe(1500);
    }

    [Fact]
    public async Task A_person_already_on_the_roll_in_another_household_gets_a_duplicate_enrolment_reason_naming_its_township_and_ref_at_submission()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay);
        var households = hub.Sandbox.Population.Households(start: 700).Where(h => h.Members.Count >= 2).Take(2).ToList();
        var enrolled = households[0];
        (await ImportAsync(hub, HouseholdBatches.RollCsv([enrolled], _ => "2023-01-01"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The same person applies again in a new household, beside a household nobody of which is on the roll.
        var moved = enrolled.Members[^1];
        var applying = households[1] with { HouseholdRef = "NEW-0001", Members = [.. households[1].Members, moved] };
        var clean = hub.Sandbox.Population.Households(start: 900).First();
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([applying, clean], AsOf))).Headers.Location!);

        var duplicate = batch.Households.Single(h => h.Ref == applying.HouseholdRef).Verification;
        var reason = duplicate.Reasons.Single(r => r.Code == "DUPLICATE_ENROLMENT");
        reason.Severity.ShouldBe("review");
        reason.Evidence.ShouldContain(RunningHub.Township);
        reason.Evidence.ShouldContain(enrolled.HouseholdRef);
        duplicate.Outcome.ShouldBeOneOf("review", "fail");
        duplicate.Reasons.Count(r => r.Code == "DUPLICATE_ENROLMENT").ShouldBe(1);
        batch.Households.Single(h => h.Ref == clean.HouseholdRef).Verification.Reasons.ShouldNotContain(r => r.Code == "DUPLICATE_ENROLMENT");

        // Found by its keyed hash: the roll stores the number and the name encrypted.
        foreach (var column in new[] { "IdNumber", "Name" })
        {
            var stored = await PersonalDataAtRestTests.RawAsync(hub, "RollMembers", column);
            stored.Count.ShouldBe(enrolled.Members.Count);
            stored.ShouldAllBe(value => value!.StartsWith("enc:", StringComparison.Ordinal), column);
            enrolled.Members.ShouldAllBe(m => !stored.Any(value => value!.Contains(m.IdNumber, StringComparison.Ordinal) || value.Contains(m.Name, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_township_renews_a_recipients_authorization_on_the_roll_and_the_next_run_asks_on_it()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay);
        var households = hub.Sandbox.Population.Households(start: 300).Take(2).ToList();
        (await ImportAsync(hub, HouseholdBatches.RollCsv(households, _ => "2023-01-01"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (lapsed, expiring) = (households[0], households[1]);
        var today = hub.Services.GetRequiredService<OfficeClock>().Today;
        await SignedOnAsync(hub, lapsed, today.AddMonths(-13));
        await SignedOnAsync(hub, expiring, today.AddMonths(-12).AddDays(20));

        // The township finds those whose authorization has run out, or will within the month.
        var runOut = await hub.Client.GetFromJsonAsync<RollPage>($"/api/v1/roll?consentExpiresBefore={today.AddDays(1):yyyy-MM-dd}");
        var entry = runOut!.Items.ShouldHaveSingleItem();
        (entry.Ref, entry.ConsentSignedOn, entry.ConsentValidUntil).ShouldBe((lapsed.HouseholdRef, today.AddMonths(-13), today.AddMonths(-13).AddMonths(12).AddDays(-1)));
        (await hub.Client.GetFromJsonAsync<RollPage>($"/api/v1/roll?consentExpiresBefore={today.AddMonths(1):yyyy-MM-dd}"))!.Items.Select(i => i.Ref).Order()
            .ShouldBe(households.Select(h => h.HouseholdRef).Order());
        (await hub.Client.GetAsync("/api/v1/roll?consentExpiresBefore=2026-13-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Until it is renewed, a run leaves the household out: nobody is asked about it.
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var before = await RunAsync(city);
        before.Agencies["tax"].Asked.ShouldBe(expiring.Members.Count);

        // Refused: the same authorization again, one signed before it or in the future, another township's household.
        var url = $"/api/v1/roll/{entry.RollId}/authorization";
        (await hub.Client.PostAsJsonAsync(url, new { consentRef = lapsed.ConsentRef, consentSignedOn = today })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hub.Client.PostAsJsonAsync(url, new { consentRef = "SQ-2026-9", consentSignedOn = today.AddMonths(-13).AddDays(-1) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hub.Client.PostAsJsonAsync(url, new { consentRef = "SQ-2026-9", consentSignedOn = today.AddDays(1) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hub.ClientAs(HubRoles.TownshipCaseworker, "220105002", "other-township").PostAsJsonAsync(url, new { consentRef = "SQ-2026-9" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var renewed = await hub.Client.PostAsJsonAsync(url, new { consentRef = "SQ-2026-9" });
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var now = (await renewed.Content.ReadFromJsonAsync<RollHouseholdView>())!;
        (now.Ref, now.ConsentRef, now.ConsentSignedOn, now.Since, now.Source).ShouldBe((lapsed.HouseholdRef, "SQ-2026-9", today, new DateOnly(2023, 1, 1), RollSources.Import));
        now.Members.Select(m => m.Name).ShouldBe(lapsed.Members.Select(m => m.Name));
        now.RollId.ShouldNotBe(entry.RollId);
        (await hub.Client.PostAsJsonAsync(url, new { consentRef = "SQ-2026-10" })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the old entry is no longer on the roll");

        // The entry it replaced is kept, and the renewal is in the audit trail with the authorization it replaced.
        var old = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().SingleAsync(r => r.Id == entry.RollId));
        (old.SupersededById, old.ConsentRef, old.LeftAtUtc.HasValue).ShouldBe((now.RollId, lapsed.ConsentRef, true));
        var audited = await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Kind == AuditKinds.AuthorizationRenewal));
        (audited.Subject, audited.User, audited.Township).ShouldBe(("roll:" + entry.RollId, RunningHub.Caseworker, RunningHub.Township));
        audited.Detail!.ShouldContain(lapsed.ConsentRef);
        (await hub.Client.GetFromJsonAsync<RollPage>($"/api/v1/roll?consentExpiresBefore={today.AddDays(1):yyyy-MM-dd}"))!.Items.ShouldBeEmpty();

        var after = await RunAsync(city);
        after.Agencies["tax"].Asked.ShouldBe(lapsed.Members.Count + expiring.Members.Count);
    }

    [Fact]
    public async Task A_baseline_is_set_once_and_never_on_an_entry_a_renewal_replaced_after_the_run_read_it()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay);
        var households = hub.Sandbox.Population.Households(start: 300).Take(2).ToList();
        (await ImportAsync(hub, HouseholdBatches.RollCsv(households, _ => "2023-01-01"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var entries = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().ToDictionaryAsync(r => r.Ref, r => r.Id));
        var (kept, renewed) = (entries[households[0].HouseholdRef], entries[households[1].HouseholdRef]);
        (await hub.Client.PostAsJsonAsync($"/api/v1/roll/{renewed}/authorization", new { consentRef = "SQ-RENEWED-5" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        (await SetBaselinesAsync(hub, first, [(kept, 412.50m), (renewed, 300m)])).ShouldBe(1, "the entry replaced takes none: its successor gets its own from the next run");
        (await SetBaselinesAsync(hub, second, [(kept, 999m)])).ShouldBe(0, "a baseline is set once");

        var set = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().Where(r => r.BaselineRunId != null).ToListAsync());
        set.Select(r => (r.Id, r.BaselinePerCapitaMonthlyIncome, r.BaselineRunId)).ShouldBe([(kept, (decimal?)412.50m, (Guid?)first)]);
    }

    private static Task<int> SetBaselinesAsync(RunningHub hub, Guid runId, IReadOnlyList<(Guid, decimal)> baselines) =>
        hub.InScopeAsync(services => services.GetRequiredService<HubDbContext>().InTransactionAsync(
            token => services.GetRequiredService<RollRegister>().SetBaselinesAsync(runId, baselines, token), CancellationToken.None));

    private static Task SignedOnAsync(RunningHub hub, SyntheticHousehold household, DateOnly signedOn) =>
        hub.QueryDatabaseAsync(db => db.RollHouseholds.Where(r => r.Ref == household.HouseholdRef).ExecuteUpdateAsync(set => set.SetProperty(r => r.ConsentSignedOn, signedOn)));

    private static async Task<RecomparisonRunView> RunAsync(HttpClient city)
    {
        var start = await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" });
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        return await RecomparisonTests.WaitForAsync(city, (await start.Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId, RecomparisonStatus.Completed);
    }

    private static Task<HttpResponseMessage> ImportAsync(RunningHub hub, string csv) =>
        hub.Client.PostAsync("/api/v1/roll/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
}
