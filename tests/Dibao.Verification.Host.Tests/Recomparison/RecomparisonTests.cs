using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.PersonalData;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>Runs of the re-comparison through the API, on the real hub with the sandbox's agencies.</summary>
public sealed class RecomparisonTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    /// <summary>Reasons that fail a household without asking for a human look: such a case is confirmed by the hub alone.</summary>
    private static readonly string[] CleanFailures = ["INCOME_ABOVE_STANDARD", "FINANCIAL_ASSETS_ABOVE_LIMIT", "VEHICLE_OWNED", "BUSINESS_OWNED"];

    [Fact]
    public async Task A_run_raises_recomparison_cases_only_for_changed_households_with_the_right_proposals_and_a_confirmed_exit_leaves_the_roll()
    {
        await using var hub = await RunningHub.StartAsync();
        var oracle = hub.Oracle;
        var passing = hub.Sandbox.Population.Households(start: 300)
            .Where(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0, PerCapitaMonthlyIncome: > 0 }).Take(4).ToList();
        var failing = hub.Sandbox.Population.Households(start: 2000)
            .First(h => oracle.Expect(h, AsOf) is { Outcome: "fail" } e && e.ReasonCodes.All(CleanFailures.Contains));
        await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(passing, AsOf))).Headers.Location!);
        (await hub.Client.PostAsync("/api/v1/roll/imports", Import([failing]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync(r => r.LeftAtUtc == null))).ShouldBe(5);

        // Planted in the evidence the households were confirmed on: one has since earned more, one less.
        var lower = await PlantConfirmedIncomeAsync(hub, passing[0], 0.5m);
        var higher = await PlantConfirmedIncomeAsync(hub, passing[1], 2m);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var start = await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" });
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var runId = (await start.Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var run = await WaitForAsync(city, runId, RecomparisonStatus.Completed);

        run.Households.ShouldBe(5);
        run.Compared.ShouldBe(5);
        run.Changed.ShouldBe(3);
        run.Unchanged.ShouldBe(2);
        run.ByKind.ShouldBe(new ChangesByKindView(Exit: 1, Reduce: 1, Increase: 1, Review: 0));
        run.Agencies["tax"].Asked.ShouldBe(passing.Sum(h => h.Members.Count) + failing.Members.Count);
        run.FinishedAt.ShouldNotBeNull();
        (await hub.QueryDatabaseAsync(db => db.Households.CountAsync(h => db.Batches.Any(b => b.Id == h.BatchId && b.Purpose == RecomparisonChunks.Purpose))))
            .ShouldBe(3, "only a household that changed gets rows");
        (await hub.QueryDatabaseAsync(db => db.RecomparisonAnswers.CountAsync())).ShouldBe(0, "the agencies' whole answers go once compared");
        (await ComparedAsync(hub, runId)).Count.ShouldBe(passing.Sum(h => h.Members.Count) + failing.Members.Count, "every person asked about is audited");

        var changes = await city.GetFromJsonAsync<RecomparisonChangePage>($"/api/v1/recomparisons/{runId}/changes");
        changes!.Items.Select(c => (c.Ref, c.Proposal)).Order().ShouldBe(
            new[] { (passing[0].HouseholdRef, "reduce"), (passing[1].HouseholdRef, "increase"), (failing.HouseholdRef, "exit") }.Order());
        changes.Items.ShouldAllBe(c => c.CaseId != null);

        // A household's income a head before and after is stored encrypted, and shown as it was compared.
        foreach (var column in new[] { nameof(RecomparisonItem.ConfirmedIncome), nameof(RecomparisonItem.NewIncome) })
        {
            var stored = (await PersonalDataAtRestTests.RawAsync(hub, "RecomparisonItems", column)).OfType<string>().ToList();
            stored.ShouldNotBeEmpty(column);
            stored.ShouldAllBe(value => value.StartsWith("enc:", StringComparison.Ordinal), $"{column}: a household's income is stored encrypted");
        }

        var incomes = changes.Items.Where(c => c.Proposal != "exit").ToDictionary(c => c.Ref, c => (c.ConfirmedPerCapitaMonthlyIncome, c.NewPerCapitaMonthlyIncome));
        incomes.ShouldBe(new Dictionary<string, (decimal?, decimal?)>
        {
            [passing[0].HouseholdRef] = (lower, oracle.Expect(passing[0], AsOf).PerCapitaMonthlyIncome),
            [passing[1].HouseholdRef] = (higher, oracle.Expect(passing[1], AsOf).PerCapitaMonthlyIncome),
        }, ignoreOrder: true);

        var cases = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.Kind == CaseKinds.Recomparison).ToListAsync());
        cases.Select(c => c.HouseholdRef).Order().ShouldBe(changes.Items.Select(c => c.Ref).Order());

        // The tiers see the evidence it was confirmed on beside the new: the planted income before, the agencies' now.
        var reduced = await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{changes.Items.Single(c => c.Proposal == "reduce").CaseId}");
        reduced!.Kind.ShouldBe(CaseKinds.Recomparison);
        reduced.Confirmed.ShouldNotBeNull();
        reduced.Confirmed.Verification.PerCapitaMonthlyIncome.ShouldBe(reduced.Verification.PerCapitaMonthlyIncome / 2);
        reduced.Confirmed.Evidence.Count.ShouldBe(reduced.Evidence.Count);
        (await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{changes.Items.Single(c => c.Proposal == "exit").CaseId}"))!.Confirmed.ShouldBeNull("imported without evidence");

        // The exit is a clean fail and every tier confirms clean cases by itself here, yet a person signs each tier of a
        // re-comparison case: nothing is announced and nobody leaves the roll until then.
        cases.ShouldAllBe(c => c.Tier == Tier.Township && c.State == CaseState.AwaitingReview && c.ConfirmedAtUtc == null);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync(r => r.LeftAtUtc != null))).ShouldBe(0);
        var announced = await hub.QueryDatabaseAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.MessageType == typeof(HouseholdVerificationCompleted).FullName || m.MessageType == typeof(HouseholdVerificationConfirmed).FullName)
            .CountAsync());
        announced.ShouldBe(passing.Count * 2, "the application batch's households, completed and confirmed; none of the run's");

        var exitCase = changes.Items.Single(c => c.Proposal == "exit").CaseId!.Value;
        foreach (var (role, jurisdiction, user) in new[]
        {
            (HubRoles.TownshipCaseworker, RunningHub.Township, "township-01"), (HubRoles.CountyReviewer, "220105", "county-01"), (HubRoles.CityReviewer, "2201", "city-01"),
        })
        {
            var decided = await hub.ClientAs(role, jurisdiction, user).PostAsJsonAsync($"/api/v1/cases/{exitCase}/decisions", new { action = "confirm" });
            decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        }

        var left = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().Where(r => r.LeftAtUtc != null).Select(r => r.Ref).ToListAsync());
        left.ShouldBe([failing.HouseholdRef]);
        var signed = await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{exitCase}");
        signed!.History.Where(s => s.Action == CaseActions.Confirm).Select(s => s.By).ShouldBe(["township-01", "county-01", "city-01"]);

        var csv = await city.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/recomparisons/{runId}/changes") { Headers = { { "Accept", "text/csv" } } });
        var text = await csv.Content.ReadAsStringAsync();
        (await csv.Content.ReadAsByteArrayAsync()).Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "with a BOM, for Excel");
        text.TrimStart('\uFEFF').ShouldStartWith("township,household_ref,proposal");
        text.ShouldContain($"{RunningHub.Township},{failing.HouseholdRef},exit");
        foreach (var (reference, (confirmed, found)) in incomes)
        {
            text.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"{RunningHub.Township},{reference},{changes.Items.Single(c => c.Ref == reference).Proposal},{confirmed:0.00},{found:0.00},"));
        }
    }

    [Fact]
    public async Task A_change_whose_case_is_still_before_the_tiers_is_counted_again_but_opens_no_second_case()
    {
        await using var hub = await RunningHub.StartAsync();
        var oracle = hub.Oracle;
        var failing = hub.Sandbox.Population.Households(start: 2000)
            .First(h => oracle.Expect(h, AsOf) is { Outcome: "fail" } e && e.ReasonCodes.All(CleanFailures.Contains));
        (await hub.Client.PostAsync("/api/v1/roll/imports", Import([failing]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");

        foreach (var night in new[] { 1, 2 })
        {
            var start = await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" });
            start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
            var runId = (await start.Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
            var run = await WaitForAsync(city, runId, RecomparisonStatus.Completed);

            run.ByKind.ShouldBe(new ChangesByKindView(Exit: 1, Reduce: 0, Increase: 0, Review: 0), $"night {night}");
            var change = (await city.GetFromJsonAsync<RecomparisonChangePage>($"/api/v1/recomparisons/{runId}/changes"))!.Items.ShouldHaveSingleItem();
            (change.CaseId is not null).ShouldBe(night == 1, "the first night's case is still open on the second");

            // Between the nights the township renews the household's authorization: a new roll entry takes the old one's place.
            if (night == 1)
            {
                var entry = (await hub.Client.GetFromJsonAsync<Dibao.Verification.Host.Roll.RollPage>("/api/v1/roll"))!.Items.ShouldHaveSingleItem();
                (await hub.Client.PostAsJsonAsync($"/api/v1/roll/{entry.RollId}/authorization", new { consentRef = "SQ-RENEWED-2" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        var cases = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.Kind == CaseKinds.Recomparison).ToListAsync());
        var exit = cases.ShouldHaveSingleItem("the open case was found through the renewed entry").Id;

        // Confirmed on the entry it was raised on, which was superseded since: the household leaves the roll all the same.
        foreach (var (role, jurisdiction, user) in new[]
        {
            (HubRoles.TownshipCaseworker, RunningHub.Township, "township-01"), (HubRoles.CountyReviewer, "220105", "county-01"), (HubRoles.CityReviewer, "2201", "city-01"),
        })
        {
            await DecideAsync(hub.ClientAs(role, jurisdiction, user), exit, new { action = "confirm" });
        }

        var entries = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().ToListAsync());
        entries.ShouldAllBe(r => r.LeftAtUtc != null);
        entries.Single(r => r.SupersededById == null).LeftByCaseId.ShouldBe(exit);
    }

    [Fact]
    public async Task A_change_confirmed_after_a_correction_puts_the_corrected_members_and_the_new_evidence_on_the_roll()
    {
        await using var hub = await RunningHub.StartAsync();
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 300)
            .First(h => h.Members.Count >= 2 && oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0, PerCapitaMonthlyIncome: > 0 });
        await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var joined = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().SingleAsync());
        await PlantConfirmedIncomeAsync(hub, household, 2m);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        await WaitForAsync(city, runId, RecomparisonStatus.Completed);
        var caseId = (await city.GetFromJsonAsync<RecomparisonChangePage>($"/api/v1/recomparisons/{runId}/changes"))!.Items.ShouldHaveSingleItem().CaseId!.Value;

        // The county sends it back: a member has died. The township corrects the household, and every tier signs again.
        var township = hub.ClientAs(HubRoles.TownshipCaseworker, RunningHub.Township, "township-01");
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        await DecideAsync(township, caseId, new { action = "confirm" });
        await DecideAsync(county, caseId, new { action = "return", reason = "成员已死亡，应减员" });
        var remaining = household.Members.SkipLast(1).Select(m => new { idNumber = m.IdNumber, name = m.Name, relation = m.Relation.ToString().ToLowerInvariant() }).ToList();
        var corrected = await township.PostAsJsonAsync($"/api/v1/cases/{caseId}/corrections", new { members = remaining, reason = "减员" });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await township.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}"))! is not { Round: 2, State: "awaiting-review" })
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the corrected household was never verified again");
            await Task.Delay(100);
        }

        await DecideAsync(township, caseId, new { action = "confirm" });
        await DecideAsync(county, caseId, new { action = "confirm" });
        await DecideAsync(city, caseId, new { action = "confirm" });

        var entries = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().ToListAsync());
        var current = entries.Single(r => r.LeftAtUtc == null);
        (current.CaseId, current.Since).ShouldBe((caseId, joined.Since));
        current.EvaluationId.ShouldBe(await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.EvaluationId).SingleAsync()));
        entries.Single(r => r.Id == joined.Id).LeftByCaseId.ShouldBe(caseId, "superseded, kept");
        var members = await hub.QueryDatabaseAsync(db => db.RollMembers.AsNoTracking().Where(m => m.RollHouseholdId == current.Id).OrderBy(m => m.Ordinal).ToListAsync());
        members.Select(m => m.IdNumber).ShouldBe(remaining.Select(m => m.idNumber));
    }

    private static async Task DecideAsync(HttpClient client, Guid caseId, object decision)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", decision);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_imported_household_takes_the_income_its_first_unchanged_run_found_as_its_baseline_and_a_later_move_raises_reduce_or_increase()
    {
        await using var hub = await RunningHub.StartAsync();
        var population = hub.Sandbox.Population;
        var oracle = hub.Oracle;
        bool Passes(SyntheticHousehold h) => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0, PerCapitaMonthlyIncome: > 0 };
        decimal Pension(SyntheticHousehold h) =>
            population.Describe(h.Members[0].IdNumber, AsOf).Pensions.Where(p => p.Status == "paying" && p.Scheme != "urban-rural-resident").Sum(p => p.MonthlyAmount);

        // One without income of its own to hide a new pension behind; one whose pension is a fifth or more of what it lives on.
        var gainer = population.Households(start: 4_000).First(h => Passes(h) && oracle.Expect(h, AsOf).PerCapitaMonthlyIncome < 600
            && population.Describe(h.Members[0].IdNumber, AsOf) is { Employments.Count: 0, TaxRecords.Count: 0, HousingFundAccounts.Count: 0 });
        var loser = population.Households(start: 4_000)
            .First(h => h.HouseholdRef != gainer.HouseholdRef && Passes(h) && Pension(h) > 0.2m * h.Members.Count * oracle.Expect(h, AsOf).PerCapitaMonthlyIncome);
        var steady = population.Households(start: 300).First(Passes);
        var failing = population.Households(start: 2000).First(h => oracle.Expect(h, AsOf) is { Outcome: "fail" } e && e.ReasonCodes.All(CleanFailures.Contains));
        (await hub.Client.PostAsync("/api/v1/roll/imports", Import([gainer, loser, steady, failing]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = new[] { gainer, loser, steady }.ToDictionary(h => h.HouseholdRef, h => oracle.Expect(h, AsOf).PerCapitaMonthlyIncome!.Value);

        // The first night has nothing to measure a move from: only the fail counts, and the others keep what it found.
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var first = await RunAsync(city);
        first.ByKind.ShouldBe(new ChangesByKindView(Exit: 1, Reduce: 0, Increase: 0, Review: 0));
        first.Unchanged.ShouldBe(3);
        var roll = (await hub.Client.GetFromJsonAsync<RollPage>("/api/v1/roll"))!.Items.ToDictionary(i => i.Ref, i => i.Baseline);
        roll.ShouldBe(new Dictionary<string, RollBaselineView?>
        {
            [gainer.HouseholdRef] = new(before[gainer.HouseholdRef], first.RunId),
            [loser.HouseholdRef] = new(before[loser.HouseholdRef], first.RunId),
            [steady.HouseholdRef] = new(before[steady.HouseholdRef], first.RunId),
            [failing.HouseholdRef] = null,
        }, ignoreOrder: true);
        (await PersonalDataAtRestTests.RawAsync(hub, "RollHouseholds", nameof(RollHousehold.BaselinePerCapitaMonthlyIncome))).OfType<string>()
            .ShouldAllBe(stored => stored.StartsWith("enc:", StringComparison.Ordinal), "a household's income is stored encrypted");

        // Between the nights the township renews the gainer's authorization (its new entry keeps the baseline); a pension
        // starts for the gainer, half-way to the standard per head, and the loser's stops.
        var gainerEntry = await hub.QueryDatabaseAsync(db => db.RollHouseholds.Where(r => r.Ref == gainer.HouseholdRef).Select(r => r.Id).SingleAsync());
        (await hub.Client.PostAsJsonAsync($"/api/v1/roll/{gainerEntry}/authorization", new { consentRef = "SQ-RENEWED-4" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pension = Math.Round(gainer.Members.Count * (PolicyOracle.Standard - before[gainer.HouseholdRef]) / 2, 2);
        population.Plant(gainer.Members[0].IdNumber, p => p with { Pensions = [.. p.Pensions, new SyntheticPension("enterprise-employee", pension, new DateOnly(2026, 3, 1), "paying")] });
        population.Plant(loser.Members[0].IdNumber, p => p with { Pensions = [.. p.Pensions.Select(q => q with { Status = "suspended" })] });
        oracle.Expect(gainer, AsOf).Outcome.ShouldBe("pass");
        oracle.Expect(gainer, AsOf).PerCapitaMonthlyIncome!.Value.ShouldBeGreaterThan(before[gainer.HouseholdRef] * 1.1m);
        oracle.Expect(loser, AsOf).Outcome.ShouldBe("pass");
        oracle.Expect(loser, AsOf).PerCapitaMonthlyIncome!.Value.ShouldBeLessThan(before[loser.HouseholdRef] * 0.9m);

        var second = await RunAsync(city);
        second.ByKind.ShouldBe(new ChangesByKindView(Exit: 1, Reduce: 1, Increase: 1, Review: 0), "the exit's case is still open: counted, not raised again");
        var changes = (await city.GetFromJsonAsync<RecomparisonChangePage>($"/api/v1/recomparisons/{second.RunId}/changes"))!.Items.ToDictionary(c => c.Ref);
        (changes[gainer.HouseholdRef].Proposal, changes[gainer.HouseholdRef].ConfirmedPerCapitaMonthlyIncome).ShouldBe(("reduce", before[gainer.HouseholdRef]));
        (changes[loser.HouseholdRef].Proposal, changes[loser.HouseholdRef].ConfirmedPerCapitaMonthlyIncome).ShouldBe(("increase", before[loser.HouseholdRef]));
        changes.ShouldNotContainKey(steady.HouseholdRef);

        // The tiers see what the proposal was measured from, and the run whose answers that rests on.
        var reduced = (await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{changes[gainer.HouseholdRef].CaseId}"))!;
        reduced.Confirmed.ShouldBeNull("imported without evidence");
        reduced.Baseline.ShouldBe(new RollBaselineView(before[gainer.HouseholdRef], first.RunId));
        reduced.Verification.PerCapitaMonthlyIncome.ShouldBe(oracle.Expect(gainer, AsOf).PerCapitaMonthlyIncome);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.Where(r => r.Ref == steady.HouseholdRef).Select(r => r.BaselineRunId).SingleAsync()))
            .ShouldBe(first.RunId, "a baseline is set once");
    }

    [Fact]
    public async Task A_person_on_the_roll_twice_gets_a_duplicate_enrolment_review_in_a_run_naming_the_other_household()
    {
        await using var hub = await RunningHub.StartAsync();
        var oracle = hub.Oracle;
        var households = hub.Sandbox.Population.Households(start: 500)
            .Where(h => h.Members.Count >= 2 && oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 }).Take(3).ToList();
        var shared = households[0].Members[^1];
        var second = households[1] with { Members = [.. households[1].Members, shared] };
        (await hub.Client.PostAsync("/api/v1/roll/imports", Import([households[0], households[2]]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.Client.PostAsync("/api/v1/roll/imports", Import([second]))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        var runId = (await (await county.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        await WaitForAsync(county, runId, RecomparisonStatus.Completed);

        var reasons = await hub.QueryDatabaseAsync(db => db.RecomparisonItems.AsNoTracking().Where(i => i.RunId == runId)
            .Join(db.Evaluations, i => i.HouseholdId, e => e.HouseholdId, (i, e) => new { i.Ref, i.Change, e.ReasonsJson }).ToListAsync());
        foreach (var (mine, other) in new[] { (households[0], second), (second, households[0]) })
        {
            var found = reasons.Single(r => r.Ref == mine.HouseholdRef);
            found.Change.ShouldBe("review");
            found.ReasonsJson.ShouldContain("DUPLICATE_ENROLMENT");
            found.ReasonsJson.ShouldContain($"{RunningHub.Township} {other.HouseholdRef}");
        }

        reasons.ShouldNotContain(r => r.Ref == households[2].HouseholdRef, "the household on the roll once is unchanged");
    }

    [Fact]
    public async Task A_cancelled_run_takes_no_further_households()
    {
        await using var hub = await RunningHub.StartAsync("Recomparison:HouseholdsPerChunk=1", "Recomparison:ChunksInFlight=1", "Sandbox:Faults:tax:Latency=00:00:02");
        (await hub.Client.PostAsync("/api/v1/roll/imports", Import(hub.Sandbox.Population.Households(start: 100).Take(6)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var cancel = await city.PostAsync($"/api/v1/recomparisons/{runId}/cancel", null);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        (await cancel.Content.ReadFromJsonAsync<RecomparisonRunView>())!.Status.ShouldBe(RecomparisonStatus.Cancelled);

        var taken = await hub.QueryDatabaseAsync(db => db.RecomparisonChunks.Where(c => c.RunId == runId).SumAsync(c => c.Households));
        taken.ShouldBeLessThan(6);
        await Task.Delay(TimeSpan.FromSeconds(5));
        (await hub.QueryDatabaseAsync(db => db.RecomparisonChunks.Where(c => c.RunId == runId).SumAsync(c => c.Households))).ShouldBe(taken);
        (await city.PostAsync($"/api/v1/recomparisons/{runId}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_run_stopped_by_a_restart_continues_where_it_stopped_and_compares_every_household_once()
    {
        string[] settings = ["Recomparison:HouseholdsPerChunk=2", "Recomparison:ChunksInFlight=1", "Sandbox:Faults:tax:Latency=00:00:01"];
        var first = await RunningHub.StartAsync(settings);
        var households = first.Sandbox.Population.Households(start: 150).Take(8).ToList();
        (await first.Client.PostAsync("/api/v1/roll/imports", Import(households))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var runId = (await (await first.ClientAs(HubRoles.CityReviewer, "2201", "city-01").PostAsJsonAsync("/api/v1/recomparisons", new { })).Content
            .ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await first.QueryDatabaseAsync(db => db.RecomparisonChunks.CountAsync(c => c.RunId == runId)) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the run never took its first chunk");
            await Task.Delay(100);
        }

        await using var second = await first.RestartAsync(settings);
        var run = await WaitForAsync(second.ClientAs(HubRoles.CityReviewer, "2201", "city-01"), runId, RecomparisonStatus.Completed);
        run.Households.ShouldBe(8);
        run.Compared.ShouldBe(8);
        (await second.QueryDatabaseAsync(db => db.RecomparisonChunks.Where(c => c.RunId == runId).SumAsync(c => c.Households))).ShouldBe(8, "no household taken twice");
        var compared = await ComparedAsync(second, runId);
        compared.Count.ShouldBe(households.Sum(h => h.Members.Count), "each person compared once");
        compared.Select(e => e.Subject).Distinct().Count().ShouldBe(8);
    }

    internal static async Task<RecomparisonRunView> RunAsync(HttpClient client)
    {
        var start = await client.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" });
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        return await WaitForAsync(client, (await start.Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId, RecomparisonStatus.Completed);
    }

    /// <summary>Multiplied here, not by SQL, which cannot read the encrypted figure.</summary>
    /// <returns>The income a head planted.</returns>
    internal static async Task<decimal> PlantConfirmedIncomeAsync(RunningHub hub, SyntheticHousehold household, decimal factor)
    {
        var evaluationId = await hub.QueryDatabaseAsync(db => db.RollHouseholds.Where(r => r.Ref == household.HouseholdRef).Select(r => r.EvaluationId!.Value).SingleAsync());
        var confirmed = await hub.QueryDatabaseAsync(db => db.Evaluations.Where(e => e.Id == evaluationId).Select(e => e.PerCapitaMonthlyIncome!.Value).SingleAsync());
        var planted = confirmed * factor;
        var changed = await hub.QueryDatabaseAsync(db => db.Evaluations.Where(e => e.Id == evaluationId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.PerCapitaMonthlyIncome, planted)));
        changed.ShouldBe(1);
        return planted;
    }

    /// <summary>The audit trail's entries for the persons a run compared: one per person each time a chunk is compared.</summary>
    internal static Task<List<AuditEntry>> ComparedAsync(RunningHub hub, Guid runId) =>
        hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Purpose == RecomparisonChunks.Purpose && e.Detail!.StartsWith($"run {runId};")).ToListAsync());

    internal static async Task<RecomparisonRunView> WaitForAsync(HttpClient client, Guid runId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            var run = (await client.GetFromJsonAsync<RecomparisonRunView>($"/api/v1/recomparisons/{runId}"))!;
            if (run.Status == status)
            {
                return run;
            }

            run.Status.ShouldBe(RecomparisonStatus.Running);
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"run still {run.Status}: {run.Compared}/{run.Households} compared");
            await Task.Delay(250);
        }
    }

    internal static StringContent Import(IEnumerable<SyntheticHousehold> households) =>
        new(HouseholdBatches.RollCsv(households, _ => "2024-01-01"), Encoding.UTF8, "text/csv");
}
