using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Disputes;

/// <summary>An applicant's dispute (复查) on the running hub: that agency asked again, the household evaluated again.</summary>
public sealed class DisputeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    private static readonly string[] TownshipReviews = ["Confirmation:Tiers:Township:AutoConfirm=Never"];

    [Fact]
    public async Task A_dispute_of_a_refused_finding_asks_that_agency_again_and_changes_the_result()
    {
        await using var hub = await RunningHub.StartAsync(TownshipReviews);
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2600).First(h => h.Members.Count >= 2 && oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 });
        hub.Sandbox.Faults.For("vehicle").KeyRevoked = true;
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var caseId = batch.Households.Single().CaseId!.Value;
        batch.Households.Single().Verification.Outcome.ShouldBe("incomplete");
        hub.Sandbox.Faults.For("vehicle").KeyRevoked = false;
        var socialSecurity = hub.Sandbox.RequestCount("social-security");

        var response = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "vehicle", reason = "申请人称名下无车辆，车管部门此前未答复" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await WaitForAnsweredAsync(hub, caseId);
        view.Verification.Outcome.ShouldBe("pass");
        (view.Tier, view.State).ShouldBe(("township", "awaiting-review"));
        var dispute = view.Disputes.ShouldNotBeNull().ShouldHaveSingleItem();
        (dispute.Agency, dispute.IdNumber, dispute.By, dispute.OutcomeBefore, dispute.OutcomeAfter, dispute.Changed).ShouldBe(
            ("vehicle", null, RunningHub.Caseworker, "incomplete", "pass", true));
        (dispute.RoundBefore, dispute.Round, view.Round).ShouldBe((1, 2, 2));
        dispute.Answers.Select(a => (a.IdNumber, a.Agency, a.State)).ShouldBe(household.Members.Select(m => (m.IdNumber, "vehicle", "answered")));
        view.History.Select(s => s.Action).ShouldBe(["verified", "dispute", "verified", "dispute-answered"]);
        view.History[^1].Reason!.ShouldContain("由 incomplete 变为 pass");
        view.Rounds[^1].Cause.ShouldBe("dispute");
        hub.Sandbox.RequestCount("social-security").ShouldBe(socialSecurity, "only the disputed agency is asked again");
        (await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().CountAsync(e => e.Kind == AuditKinds.Dispute && e.Subject == "case:" + caseId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_dispute_about_one_member_re_asks_only_them_and_a_result_that_stands_says_so()
    {
        await using var hub = await RunningHub.StartAsync(TownshipReviews);
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2600).First(h => h.Members.Count >= 2 && oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 });
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var caseId = batch.Households.Single().CaseId!.Value;
        var disputed = household.Members[0].IdNumber;
        var tax = hub.Sandbox.RequestCount("tax");

        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "weather", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "tax", idNumber = "110105194912310021", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "tax", reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        (await county.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "tax", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The hub counts the due day from its own today when the dispute is filed; read before and after it, one of the two is that day.
        var deadlines = hub.Services.GetRequiredService<DisputeDeadlines>();
        var dueBefore = deadlines.DueFromToday();
        var response = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "tax", idNumber = disputed, reason = "申请人对个税收入记录有异议" });
        var dueAfter = deadlines.DueFromToday();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await WaitForAnsweredAsync(hub, caseId);
        var dispute = view.Disputes!.ShouldHaveSingleItem();
        (dispute.IdNumber, dispute.OutcomeBefore, dispute.OutcomeAfter, dispute.Changed).ShouldBe((disputed, "pass", "pass", false));
        dispute.Answers.ShouldHaveSingleItem().IdNumber.ShouldBe(disputed);
        view.History[^1].Reason!.ShouldContain("未变");
        (hub.Sandbox.RequestCount("tax") - tax).ShouldBe(1, "one question, about the disputed member");
        dispute.Due.ShouldBeOneOf(dueBefore.Date, dueAfter.Date);
        dispute.Overdue.ShouldBeFalse();
    }

    [Fact]
    public async Task A_dispute_of_a_case_the_county_amended_compares_asking_again_with_what_the_agencies_found_before()
    {
        await using var hub = await RunningHub.StartAsync(
            "Confirmation:Tiers:Township:AutoConfirm=Never", "Confirmation:Tiers:County:AutoConfirm=Never", "Confirmation:Tiers:City:AutoConfirm=Never");
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2600).First(h => h.Members.Count >= 2 && oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 });
        var caseId = (await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!)).Households.Single().CaseId!.Value;
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        (await county.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "amend", outcome = "fail", reason = "入户调查发现经营收入" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "tax", reason = "申请人对个税收入记录有异议" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var dispute = (await WaitForAnsweredAsync(hub, caseId)).Disputes!.ShouldHaveSingleItem();
        (dispute.OutcomeBefore, dispute.OutcomeAfter, dispute.Changed).ShouldBe(("pass", "pass", false), "the tax bureau said the same again");
    }

    [Fact]
    public async Task A_dispute_not_answered_by_its_working_day_is_listed_overdue_and_reminded_of_once()
    {
        // Tax is down and waited for an hour: the re-check cannot settle.
        await using var hub = await RunningHub.StartAsync([.. TownshipReviews, "Verification:Deadlines:tax=01:00:00"]);
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2600).First(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 });
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var caseId = batch.Households.Single().CaseId!.Value;
        hub.Sandbox.Faults.For("tax").Outage = true;
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "tax", reason = "不服" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        (await city.GetFromJsonAsync<CaseList>("/api/v1/cases/overdue"))!.Items.ShouldBeEmpty("not late yet");

        // Recorded before the Spring Festival: ten working days ran out on 2026-03-02.
        await hub.QueryDatabaseAsync(db => db.Disputes.Where(d => d.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueOn, new DateOnly(2026, 3, 2))));

        var item = (await city.GetFromJsonAsync<CaseList>("/api/v1/cases/overdue"))!.Items.ShouldHaveSingleItem();
        (item.CaseId, item.State, item.Due, item.Overdue).ShouldBe((caseId, "verifying", new DateOnly(2026, 3, 2), true));
        var first = await hub.InScopeAsync(sp => sp.GetRequiredService<DisputeReminders>().SendAsync(CancellationToken.None));
        var second = await hub.InScopeAsync(sp => sp.GetRequiredService<DisputeReminders>().SendAsync(CancellationToken.None));
        (first, second).ShouldBe((1, 0));
        var view = await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}");
        (view!.Disputes!.Single().State, view.Disputes!.Single().Overdue).ShouldBe(("open", true));
        hub.Sandbox.Faults.For("tax").Outage = false;
    }

    /// <summary>
    /// The tax bureau answered for the income window its question named. After a new policy file, a dispute carries that
    /// answer into the new round when it covers the new policy's window (the rules read only the months inside it), and
    /// asks again when it does not: a longer window, or a question planned before windows were recorded, which names none.
    /// </summary>
    [Theory]
    [InlineData(12, false, false)]
    [InlineData(6, false, false)]
    [InlineData(24, false, true)]
    [InlineData(12, true, true)]
    public async Task A_dispute_after_the_policy_changed_asks_the_tax_bureau_again_only_when_its_answer_does_not_cover_the_new_window(
        int lookbackMonths, bool askedBeforeWindowsWereRecorded, bool asksTaxAgain)
    {
        var policy = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(policy, $$"""
            { "name": "新政策", "defaults": { "incomeLookbackMonths": {{lookbackMonths}}, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false },
              "jurisdictions": { "2201": { "monthlyStandard": 800.00 }, "220183": { "monthlyStandard": 600.00 } } }
            """);
        try
        {
            var first = await RunningHub.StartAsync(TownshipReviews);
            var oracle = first.Oracle;
            // Wages that average differently over six months than over twelve: a carried answer must be read over the new window.
            var household = first.Sandbox.Population.Households(start: 2700).First(h => h.Members.Count >= 2
                && oracle.Expect(h, AsOf, lookbackMonths: 6) is { PerCapitaMonthlyIncome: { } six } && six != oracle.Expect(h, AsOf).PerCapitaMonthlyIncome);
            var batch = await first.WaitForCompletionAsync((await first.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
            var caseId = batch.Households.Single().CaseId!.Value;
            if (askedBeforeWindowsWereRecorded)
            {
                await first.QueryDatabaseAsync(db => db.AgencyQueries.ExecuteUpdateAsync(s => s
                    .SetProperty(q => q.IncomeFromMonth, (DateOnly?)null).SetProperty(q => q.IncomeToMonth, (DateOnly?)null)));
            }

            await using var hub = await first.RestartAsync([.. TownshipReviews, $"Policy:Path={policy}"]);

            var response = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/disputes", new { agency = "vehicle", reason = "申请人称车辆已于去年转让" });

            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var view = await WaitForAnsweredAsync(hub, caseId);
            (hub.Sandbox.RequestCount("tax") > 0).ShouldBe(asksTaxAgain);
            hub.Sandbox.RequestCount("vehicle").ShouldBeGreaterThan(0, "the disputed agency");
            hub.Sandbox.RequestCount("social-security").ShouldBe(0, "nothing else the new policy reads differently");
            view.Verification.PolicyName.ShouldBe("新政策");
            view.Verification.Reasons.ShouldNotContain(r => r.Code == ReasonCodes.IncomeWindowNotCovered);
            var expected = oracle.Expect(household, AsOf, lookbackMonths: lookbackMonths);
            (view.Verification.Outcome, view.Verification.PerCapitaMonthlyIncome).ShouldBe((expected.Outcome, expected.PerCapitaMonthlyIncome));
        }
        finally
        {
            File.Delete(policy);
        }
    }

    private static async Task<CaseView> WaitForAnsweredAsync(RunningHub hub, Guid caseId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}") ?? throw new InvalidOperationException("No case.");
            if (view.Disputes is { Count: > 0 } disputes && disputes.All(d => d.State == "answered"))
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Dispute still open; case {view.State} at the {view.Tier}.");
            }

            await Task.Delay(100);
        }
    }
}
