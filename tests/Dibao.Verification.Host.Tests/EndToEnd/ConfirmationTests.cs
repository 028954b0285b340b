using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>From submission to the city's confirmation through the API alone, on the real hub.</summary>
public sealed class ConfirmationTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    private static readonly string[] HumansEverywhere =
    [
        "Confirmation:Tiers:Township:AutoConfirm=Never",
        "Confirmation:Tiers:County:AutoConfirm=Never",
        "Confirmation:Tiers:City:AutoConfirm=Never",
        RunningHub.SandboxOnAsOfDay,
    ];

    [Fact]
    public async Task A_batch_is_followed_through_all_three_tiers_with_returns_a_correction_and_amendments_and_each_confirmation_is_announced_once()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var households = hub.Sandbox.Population.Households(start: 1200).Where(h => h.Members.Count >= 2).Take(4).ToList();
        var oracle = hub.Oracle;

        // The first household is submitted with a member left out: the township corrects it when the county returns it.
        var forgotten = households[0].Members[^1];
        var submitted = households.Select((h, i) => i == 0 ? h with { Members = [.. h.Members.Take(h.Members.Count - 1)] } : h).ToList();
        var response = await hub.SubmitAsync(HouseholdBatches.Json(submitted, AsOf));
        var batch = await hub.WaitForCompletionAsync(response.Headers.Location!);

        batch.Households.ShouldAllBe(h => h.CaseId != null && h.Tier == "township" && h.State == "awaiting-review" && h.Final == null);
        var ids = batch.Households.Select(h => h.CaseId!.Value).ToList();

        // Refusals change nothing.
        var before = await GetCaseAsync(hub, ids[3]);
        (await DecideAsync(hub, ids[3], "county", "confirm", by: "county-01")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DecideAsync(hub, ids[3], "township", "amend", by: "township-01", outcome: "fail", reason: "x")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DecideAsync(hub, ids[3], "township", "confirm", by: "township-01", version: before.Version - 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await (await DecideAsync(hub, ids[3], "county", "confirm", by: "county-01")).Content.ReadFromJsonAsync<ProblemDetails>();
        problem!.Detail!.ShouldContain("乡镇");
        (await GetCaseAsync(hub, ids[3])).Version.ShouldBe(before.Version);

        foreach (var id in ids)
        {
            (await DecideAsync(hub, id, "township", "confirm", by: "township-01", version: (await GetCaseAsync(hub, id)).Version)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Case 0: returned by the county, corrected at the township (with the household's new authorization covering the
        // added member), verified again for the added member only.
        (await DecideAsync(hub, ids[0], "county", "return", by: "county-01", reason: "户口簿上有成员漏报")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var returned = await GetCaseAsync(hub, ids[0]);
        (returned.Tier, returned.State).ShouldBe(("township", "returned"));

        var fullMembers = households[0].Members.Select(m => new { idNumber = m.IdNumber, name = m.Name, relation = m.Relation.ToString().ToLowerInvariant() }).ToList();
        var badCorrection = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/corrections", new
        {
            members = fullMembers.Select((m, i) => i == 0 ? m with { idNumber = "12345" } : m),
            reason = "补录漏报成员",
        });
        badCorrection.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badCorrection.Content.ReadAsStringAsync()).ShouldContain("members[0].idNumber");
        (await GetCaseAsync(hub, ids[0])).Version.ShouldBe(returned.Version);

        var socialSecurityBefore = hub.Sandbox.RequestCount("social-security");
        var housingFundBefore = hub.Sandbox.RequestCount("housing-fund");
        var corrected = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/corrections", new { members = fullMembers, reason = "补录漏报成员", consentRef = "SQ-2026-RENEWED" });
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reverified = await WaitForStateAsync(hub, ids[0], "awaiting-review");
        reverified.Tier.ShouldBe("township");
        reverified.Verification.Outcome.ShouldBe(oracle.Expect(households[0], AsOf).Outcome);
        var sources = reverified.Evidence.Where(e => e.IdNumber == households[0].Members[0].IdNumber).Select(e => e.Agency).Order().ToList();
        reverified.Evidence.Where(e => e.IdNumber == forgotten.IdNumber).Select(e => e.Agency).Order().ShouldBe(sources);
        reverified.History.Select(s => s.Action).ShouldBe(["verified", "confirm", "return", "correct", "verified"]);
        hub.Sandbox.RequestCount("social-security").ShouldBe(socialSecurityBefore + 1, "only the added member is asked about");
        hub.Sandbox.RequestCount("housing-fund").ShouldBe(housingFundBefore + 1);
        reverified.Evidence.Count.ShouldBe(households[0].Members.Count * sources.Count);

        // The correction started round 2; round 1, which the township signed, is still there as it was.
        reverified.Round.ShouldBe(2);
        reverified.Rounds.Select(r => (r.Number, r.Cause)).ShouldBe([(1, "submission"), (2, "correction")]);
        reverified.History.Select(s => s.Round).ShouldBe([1, 1, 1, 1, 2]);
        var first = await hub.Client.GetFromJsonAsync<RoundView>($"/api/v1/cases/{ids[0]}/rounds/1");
        first!.Members.Select(m => m.IdNumber).ShouldBe(submitted[0].Members.Select(m => m.IdNumber));
        first.Evidence.Count.ShouldBe((households[0].Members.Count - 1) * sources.Count);
        first.Verification.Outcome.ShouldBe(returned.Verification.Outcome);
        first.Verification.Reasons.Select(r => r.Code).ShouldBe(returned.Verification.Reasons.Select(r => r.Code));
        first.Verification.PolicyHash.ShouldNotBeNullOrEmpty();
        (await hub.Client.GetAsync($"/api/v1/cases/{ids[0]}/rounds/3")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (var (tier, by) in new[] { ("township", "township-01"), ("county", "county-01"), ("city", "city-01") })
        {
            (await DecideAsync(hub, ids[0], tier, "confirm", by: by)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Case 1: the city returns it, the county amends it, the city confirms.
        (await DecideAsync(hub, ids[1], "county", "confirm", by: "county-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DecideAsync(hub, ids[1], "city", "return", by: "city-01", reason: "请核实申请人的经营情况")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetCaseAsync(hub, ids[1])).State.ShouldBe("returned");
        (await DecideAsync(hub, ids[1], "county", "amend", by: "county-02", outcome: "fail", reason: "入户调查发现未登记的经营收入")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DecideAsync(hub, ids[1], "city", "confirm", by: "city-01")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Case 2: the city amends it itself; case 3 goes straight through.
        (await DecideAsync(hub, ids[2], "county", "confirm", by: "county-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cityAmends = Opposite(batch.Households[2].Verification.Outcome);
        (await DecideAsync(hub, ids[2], "city", "amend", by: "city-02", outcome: cityAmends, reason: "复核存款证明后改判")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DecideAsync(hub, ids[3], "county", "confirm", by: "county-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DecideAsync(hub, ids[3], "city", "confirm", by: "city-01")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A confirmed case is final.
        (await DecideAsync(hub, ids[3], "city", "confirm", by: "city-01")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var final = await hub.Client.GetFromJsonAsync<BatchView>(response.Headers.Location!);
        final!.Households.ShouldAllBe(h => h.State == "confirmed" && h.Final != null);
        final.Households.Select(h => h.Verification.Outcome).ShouldBe([reverified.Verification.Outcome, .. batch.Households.Skip(1).Select(h => h.Verification.Outcome)],
            "verification stays the automated result");
        var signed = final.Households.Select(h => h.Final!).ToList();
        signed.Select(f => f.Outcome).ShouldBe([reverified.Verification.Outcome, "fail", cityAmends, batch.Households[3].Verification.Outcome]);
        signed[0].Confirmations.Township!.By.ShouldBe("township-01");
        signed[1].Confirmations.County!.ShouldBe(new SignatureView("amend", "county-02", signed[1].Confirmations.County!.At));
        signed[1].AmendmentReason.ShouldBe("入户调查发现未登记的经营收入");
        signed[2].Confirmations.City!.ShouldBe(new SignatureView("amend", "city-02", signed[2].Confirmations.City!.At));
        signed.ShouldAllBe(f => f.Confirmations.Township != null && f.Confirmations.County != null && f.Confirmations.City != null);

        var history = (await GetCaseAsync(hub, ids[1])).History;
        history.Select(s => (s.Tier, s.Action, s.By)).ShouldBe(
        [
            ("township", "verified", "system"),
            ("township", "confirm", "township-01"),
            ("county", "confirm", "county-01"),
            ("city", "return", "city-01"),
            ("county", "amend", "county-02"),
            ("city", "confirm", "city-01"),
        ]);
        history[3].Reason.ShouldBe("请核实申请人的经营情况");
        history[4].Outcome.ShouldBe("fail");

        var announced = await WaitForSentAsync<HouseholdVerificationConfirmed>(hub, 4);
        announced.Select(e => e.CaseId).Order().ShouldBe(ids.Order());
        announced.Single(e => e.CaseId == ids[1]).ShouldSatisfyAllConditions(
            e => e.Outcome.ShouldBe("fail"),
            e => e.AmendmentReason.ShouldBe("入户调查发现未登记的经营收入"),
            e => e.ConfirmedBy.ShouldBe("city-01"));
    }

    [Fact]
    public async Task A_correction_of_a_members_relation_keeps_what_the_member_declared()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var household = hub.Sandbox.Population.Households(start: 1200).First(h => h.Members.Count >= 2);
        var declaring = household.Members[1];
        var members = household.Members.Select(m => new
        {
            idNumber = m.IdNumber,
            name = m.Name,
            relation = m.Relation.ToString().ToLowerInvariant(),
            declaredMonthlyIncome = m == declaring ? 0m : (decimal?)null,
            declaredFinancialAssets = m == declaring ? 0m : (decimal?)null,
        }).ToList();
        var submitted = await hub.SubmitAsync(new
        {
            township = RunningHub.Township,
            purpose = "new-application",
            asOf = AsOf.ToString("yyyy-MM-dd"),
            households = new[] { new { @ref = household.HouseholdRef, consentRef = household.ConsentRef, members } },
        });
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        var caseId = (await hub.WaitForCompletionAsync(submitted.Headers.Location!)).Households.Single().CaseId!.Value;
        var declared = (await GetCaseAsync(hub, caseId)).Verification.Declarations!.Members.Single(m => m.IdNumber == declaring.IdNumber).Figures;
        (declared.DeclaredMonthlyIncome, declared.DeclaredFinancialAssets).ShouldBe((0m, 0m));

        (await DecideAsync(hub, caseId, "township", "confirm", by: "township-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DecideAsync(hub, caseId, "county", "return", by: "county-01", reason: "与户主关系登记有误")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The correction form names, relations and numbers only: the relation of the member who declared changes.
        var relation = declaring.Relation == HouseholdRelation.Other ? "parent" : "other";
        var corrected = members.Select(m => new { m.idNumber, m.name, relation = m.idNumber == declaring.IdNumber ? relation : m.relation }).ToList();
        var correction = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/corrections", new { members = corrected, reason = "关系登记有误" });
        correction.StatusCode.ShouldBe(HttpStatusCode.OK, await correction.Content.ReadAsStringAsync());

        var reverified = await WaitForStateAsync(hub, caseId, "awaiting-review");
        reverified.Round.ShouldBe(2);
        var kept = reverified.Verification.Declarations.ShouldNotBeNull("the declaration stays with the member").Members.Single(m => m.IdNumber == declaring.IdNumber).Figures;
        (kept.DeclaredMonthlyIncome, kept.DeclaredFinancialAssets).ShouldBe((0m, 0m));
    }

    [Fact]
    public async Task Of_two_reviewers_deciding_at_once_only_one_wins()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var households = hub.Sandbox.Population.Households(start: 1400).Take(3).ToList();
        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var batch = await hub.WaitForCompletionAsync(response.Headers.Location!);

        foreach (var id in batch.Households.Select(h => h.CaseId!.Value))
        {
            (await DecideAsync(hub, id, "township", "confirm", by: "township-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var version = (await GetCaseAsync(hub, id)).Version;

            var answers = await Task.WhenAll(
                DecideAsync(hub, id, "county", "amend", by: "county-01", outcome: "fail", reason: "甲的判断"),
                DecideAsync(hub, id, "county", "return", by: "county-02", reason: "乙的判断"));

            answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
            var @case = await GetCaseAsync(hub, id);
            @case.History.Count(s => s.Tier == "county").ShouldBe(1, "exactly one decision is recorded");
            @case.Version.ShouldBeGreaterThan(version);
        }
    }

    [Fact]
    public async Task An_incomplete_case_goes_back_for_the_missing_agency_only_and_clean_cases_confirm_themselves()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay, "Sandbox:Faults:housing-fund:Outage=true", "Verification:Deadlines:housing-fund=00:00:03");
        var households = hub.Sandbox.Population.Households(start: 1600).Take(12).ToList();
        var oracle = hub.Oracle;
        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var batch = await hub.WaitForCompletionAsync(response.Headers.Location!);

        // With the embedded default every tier confirms clean cases: those failing on what is known, with nothing for a person to review, are final.
        var failed = batch.Households.Where(h => h.Verification.Outcome == "fail" && h.Verification.Reasons.All(r => r.Severity != "review")).ToList();
        failed.ShouldNotBeEmpty();
        failed.ShouldAllBe(h => h.State == "confirmed" && h.Final!.Confirmations.City!.By == "system");
        var incomplete = batch.Households.Where(h => h.Verification.Outcome == "incomplete").ToList();
        incomplete.ShouldNotBeEmpty();
        incomplete.ShouldAllBe(h => h.Tier == "township" && h.State == "awaiting-review");
        (await WaitForSentAsync<HouseholdVerificationConfirmed>(hub, failed.Count)).Count.ShouldBe(failed.Count);

        var target = incomplete[0];
        (await DecideAsync(hub, target.CaseId!.Value, "township", "confirm", by: "township-01")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        hub.Sandbox.Faults.For("housing-fund").Outage = false;
        var socialSecurityBefore = hub.Sandbox.RequestCount("social-security");

        (await DecideAsync(hub, target.CaseId!.Value, "township", "return", by: "township-01", reason: "公积金中心未答复，重新核对")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var expected = oracle.Expect(households.Single(h => h.HouseholdRef == target.Ref), AsOf).Outcome;
        var after = await WaitForStateAsync(hub, target.CaseId!.Value, "confirmed");
        after.Verification.Outcome.ShouldBe(expected);
        after.Evidence.ShouldAllBe(e => e.State == "answered");
        hub.Sandbox.RequestCount("social-security").ShouldBe(socialSecurityBefore, "social security had answered");
        after.History.Select(s => s.Action).Take(3).ShouldBe(["verified", "return", "verified"]);
    }

    [Fact]
    public async Task An_overdue_case_is_listed_with_its_working_day_deadline_and_reminded_of_once()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var households = hub.Sandbox.Population.Households(start: 1800).Take(2).ToList();
        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var batch = await hub.WaitForCompletionAsync(response.Headers.Location!);
        var late = batch.Households[0].CaseId!.Value;

        // Reached the township on Friday 2026-02-13, 10:00 in China: five working days skip the Spring Festival.
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == late)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TierEnteredAtUtc, new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc))));

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var overdue = await city.GetFromJsonAsync<CaseList>("/api/v1/cases/overdue?tier=township&jurisdiction=220105");
        var item = overdue!.Items.ShouldHaveSingleItem();
        (item.CaseId, item.Due, item.Overdue, item.DueProvisional).ShouldBe((late, new DateOnly(2026, 2, 27), true, false));
        (await city.GetFromJsonAsync<CaseList>("/api/v1/cases/overdue?jurisdiction=220106"))!.Items.ShouldBeEmpty();

        var queue = await hub.Client.GetFromJsonAsync<CaseList>("/api/v1/cases?tier=township&state=awaiting-review&jurisdiction=2201");
        queue!.Items.Select(i => i.CaseId).Order().ShouldBe(batch.Households.Select(h => h.CaseId!.Value).Order());
        queue.Items.Single(i => i.CaseId != late).Overdue.ShouldBeFalse();
        (await hub.Client.GetAsync("/api/v1/cases?tier=province")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var first = await hub.InScopeAsync(sp => sp.GetRequiredService<OverdueReminders>().SendAsync(CancellationToken.None));
        var second = await hub.InScopeAsync(sp => sp.GetRequiredService<OverdueReminders>().SendAsync(CancellationToken.None));

        (first, second).ShouldBe((1, 0));
        var reminder = (await WaitForSentAsync<CaseOverdue>(hub, 1)).ShouldHaveSingleItem();
        (reminder.CaseId, reminder.Tier, reminder.Due).ShouldBe((late, "township", new DateOnly(2026, 2, 27)));
    }

    [Fact]
    public async Task A_reminder_leaves_the_case_s_version_so_a_decision_on_the_case_as_loaded_before_it_counts()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 1800).First(h => oracle.Expect(h, AsOf).Outcome is "pass" or "fail");
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var id = batch.Households.Single().CaseId!.Value;
        await MakeOverdueAsync(hub, id);
        var loaded = await GetCaseAsync(hub, id);

        (await RemindAsync(hub)).ShouldBe(1);

        (await GetCaseAsync(hub, id)).Version.ShouldBe(loaded.Version);
        var decided = await DecideAsync(hub, id, "township", "confirm", by: "township-01", version: loaded.Version);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        (await GetCaseAsync(hub, id)).Version.ShouldBeGreaterThan(loaded.Version, "a decision is a change");
    }

    [Fact]
    public async Task A_reminder_saved_while_a_decision_is_taken_does_not_silence_the_reminder_of_the_next_stay()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 1800).First(h => oracle.Expect(h, AsOf).Outcome is "pass" or "fail");
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var id = batch.Households.Single().CaseId!.Value;
        (await DecideAsync(hub, id, "township", "confirm", by: "township-01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await MakeOverdueAsync(hub, id);

        // The county's reviewer has the case loaded when the reminder of its stay at the county is saved.
        await using var scope = hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var loaded = await db.Cases.Include(c => c.History).SingleAsync(c => c.Id == id);
        (await RemindAsync(hub)).ShouldBe(1);
        loaded.Decide(Tier.County, ReviewAction.Return, null, "请乡镇补充材料", "county-01", DateTime.UtcNow).Accepted.ShouldBeTrue();
        await db.SaveChangesAsync();

        var saved = await hub.QueryDatabaseAsync(d => d.Cases.AsNoTracking().SingleAsync(c => c.Id == id));
        (saved.Tier, saved.OverdueRemindedAtUtc).ShouldBe((Tier.Township, null));
        await MakeOverdueAsync(hub, id);
        (await RemindAsync(hub)).ShouldBe(1, "the township's stay is reminded of in its turn");
    }

    /// <summary>Puts the case's arrival at its tier on Friday 2026-02-13, so its deadline there has passed.</summary>
    private static Task MakeOverdueAsync(RunningHub hub, Guid caseId) =>
        hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TierEnteredAtUtc, new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc))));

    private static Task<int> RemindAsync(RunningHub hub) =>
        hub.InScopeAsync(sp => sp.GetRequiredService<OverdueReminders>().SendAsync(CancellationToken.None));

    private static string Opposite(string outcome) => outcome == "pass" ? "fail" : "pass";

    /// <summary>A decision by <paramref name="by"/>, signed in with the role of <paramref name="tier"/> over the test township.</summary>
    private static Task<HttpResponseMessage> DecideAsync(
        RunningHub hub, Guid caseId, string tier, string action, string by, string? outcome = null, string? reason = null, int? version = null) =>
        hub.ClientAs(RoleOf(tier), RunningHub.Township[..(tier switch { "township" => 9, "county" => 6, _ => 4 })], by)
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { tier, action, outcome, reason, version });

    private static string RoleOf(string tier) => tier switch
    {
        "township" => HubRoles.TownshipCaseworker,
        "county" => HubRoles.CountyReviewer,
        _ => HubRoles.CityReviewer,
    };

    private static async Task<CaseView> GetCaseAsync(RunningHub hub, Guid caseId) =>
        await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}") ?? throw new InvalidOperationException("No case.");

    private static async Task<CaseView> WaitForStateAsync(RunningHub hub, Guid caseId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var view = await GetCaseAsync(hub, caseId);
            if (view.State == state)
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Case still {view.State} at the {view.Tier}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The messages of a type the outbox has put on the bus, once there are at least <paramref name="count"/>.</summary>
    private static async Task<List<T>> WaitForSentAsync<T>(RunningHub hub, int count)
    {
        var type = typeof(T).FullName!;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var messages = await hub.QueryDatabaseAsync(db => db.Outbox.AsNoTracking().Where(m => m.MessageType == type).ToListAsync());
            if (messages.Count >= count && messages.All(m => m.SentAtUtc != null))
            {
                return [.. messages.Select(m => JsonSerializer.Deserialize<T>(m.Body, HubJson.Options)!)];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{messages.Count} {typeof(T).Name} stored, {messages.Count(m => m.SentAtUtc != null)} sent.");
            }

            await Task.Delay(100);
        }
    }
}
