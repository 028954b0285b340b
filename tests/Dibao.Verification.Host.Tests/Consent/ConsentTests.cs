using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Sandbox.Population;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Consent;

/// <summary>No agency is asked about a household without a valid authorization (授权书) at the moment of asking.</summary>
public sealed class ConsentTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    private static readonly string[] HumansEverywhere =
    [
        "Confirmation:Tiers:Township:AutoConfirm=Never",
        "Confirmation:Tiers:County:AutoConfirm=Never",
        "Confirmation:Tiers:City:AutoConfirm=Never",
    ];

    [Fact]
    public Task A_batch_with_an_expired_or_future_authorization_is_refused_and_a_valid_one_is_recorded_with_its_date() =>
        OnOneOfficeDayAsync(async (hub, today) =>
    {
        var households = hub.Sandbox.Population.Households(start: 2600).Take(4).ToList();

        var refused = await hub.SubmitAsync(Batch(households.Take(2), [today.AddMonths(-12), today.AddDays(1)]));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var paths = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.ShouldBe(["households[0].consentSignedOn", "households[1].consentSignedOn"]);
        hub.Sandbox.Agencies.Sum(hub.Sandbox.RequestCount).ShouldBe(0);

        var accepted = await hub.SubmitAsync(Batch(households.Skip(2), [today.AddMonths(-12).AddDays(1), null]));

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var recorded = await hub.QueryDatabaseAsync(db => db.Households.AsNoTracking().OrderBy(h => h.Ordinal).Select(h => h.ConsentSignedOn).ToListAsync());
        recorded.ShouldBe([today.AddMonths(-12).AddDays(1), today], "without a date, the authorization is taken as signed on the day of submission");
    });

    [Fact]
    public async Task A_correction_adding_a_member_needs_a_new_authorization_and_an_expired_one_lets_nothing_be_asked()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var households = hub.Sandbox.Population.Households(start: 2700).Where(h => h.Members.Count >= 3).Take(2).ToList();
        var submitted = households.Select(h => h with { Members = [.. h.Members.Take(h.Members.Count - 1)] }).ToList();
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(submitted, AsOf))).Headers.Location!);
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        var ids = batch.Households.Select(h => h.CaseId!.Value).ToList();
        foreach (var id in ids)
        {
            (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{id}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await county.PostAsJsonAsync($"/api/v1/cases/{id}/decisions", new { action = "amend", outcome = "pass", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The city returns both to the county, the county to the township.
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        foreach (var id in ids)
        {
            (await city.PostAsJsonAsync($"/api/v1/cases/{id}/decisions", new { action = "return", reason = "成员有漏报" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await county.PostAsJsonAsync($"/api/v1/cases/{id}/decisions", new { action = "return", reason = "成员有漏报" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var asked = hub.Sandbox.Agencies.Sum(hub.Sandbox.RequestCount);
        var added = Members(households[0]);
        var without = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/corrections", new { members = added, reason = "补录漏报成员" });
        without.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await without.Content.ReadAsStringAsync()).ShouldContain("consentRef");
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/corrections", new { members = added, reason = "补录漏报成员", consentRef = households[0].ConsentRef }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the old authorization did not cover the new member");
        var held = await hub.QueryDatabaseAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Ref == households[0].HouseholdRef));
        var older = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/corrections",
            new { members = added, reason = "补录漏报成员", consentRef = "SQ-RENEWED-0", consentSignedOn = held.ConsentSignedOn.AddDays(-1) });
        older.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a renewal is signed no earlier than the authorization it replaces");
        (await older.Content.ReadAsStringAsync()).ShouldContain(held.ConsentRef);
        hub.Sandbox.Agencies.Sum(hub.Sandbox.RequestCount).ShouldBe(asked);

        var office = hub.Services.GetRequiredService<OfficeClock>();
        var renewedBefore = office.Today;
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[0]}/corrections", new { members = added, reason = "补录漏报成员", consentRef = "SQ-RENEWED-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var renewedAfter = office.Today;
        var renewed = await hub.QueryDatabaseAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Ref == households[0].HouseholdRef));
        renewed.ConsentRef.ShouldBe("SQ-RENEWED-1");
        renewed.ConsentSignedOn.ShouldBeOneOf(renewedBefore, renewedAfter);

        // The second household's authorization has run out: even a correction within its members asks no one. The first's
        // second round may still be asking about its members meanwhile, so the count is of the second's members alone.
        await hub.QueryDatabaseAsync(db => db.Households.Where(h => h.Ref == households[1].HouseholdRef)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ConsentSignedOn, office.Today.AddMonths(-13))));
        var askedAboutSecond = TimesAskedAbout(hub, submitted[1]);
        askedAboutSecond.ShouldBeGreaterThan(0, "the batch asked about the second household's members, so the count sees them");
        var renamed = Members(submitted[1]).Select((m, i) => i == 0 ? m with { name = m.name + "某" } : m).ToList();
        var expired = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[1]}/corrections", new { members = renamed, reason = "姓名有误" });
        expired.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe(ProblemCodes.ConsentExpired);
        TimesAskedAbout(hub, submitted[1]).ShouldBe(askedAboutSecond);
        (await hub.QueryDatabaseAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Ref == households[1].HouseholdRef))).CurrentRound
            .ShouldBe(1, "no round was started that could ask later");
    }

    [Fact]
    public async Task A_return_for_the_missing_answers_asks_no_agency_once_the_authorization_has_run_out()
    {
        await using var hub = await RunningHub.StartAsync("Sandbox:Faults:housing-fund:Outage=true", "Verification:Deadlines:housing-fund=00:00:03");
        var households = hub.Sandbox.Population.Households(start: 2800).Take(8);
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);
        var incomplete = batch.Households.First(h => h.Verification.Outcome == "incomplete");
        var caseId = incomplete.CaseId!.Value;

        // The outage stays: were the fund back, the adapter's retries of the first question could bring its answer as
        // late evidence before the return, and a re-verification asks nothing that late evidence already answers.
        var office = hub.Services.GetRequiredService<OfficeClock>();
        await hub.QueryDatabaseAsync(db => db.Households.Where(h => h.Ref == incomplete.Ref)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ConsentSignedOn, office.Today.AddMonths(-12))));
        var queries = await hub.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync());

        var response = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "return", reason = "公积金中心未答复，重新核对" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe(ProblemCodes.ConsentExpired);
        // The adapter may still be retrying the first question; the hub asked nothing new and started no round.
        (await hub.Client.GetFromJsonAsync<CaseViewState>($"/api/v1/cases/{caseId}"))!.ShouldBe(new CaseViewState("awaiting-review", 1));
        (await hub.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync())).ShouldBe(queries);

        // The household signs again: the return brings the renewed authorization, and the missing answers are asked for.
        var renewedBefore = office.Today;
        var renewed = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "return", reason = "重新签署授权书后重新核对", consentRef = "SQ-RENEWED-2" });
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var renewedAfter = office.Today;
        var household = await hub.QueryDatabaseAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Ref == incomplete.Ref));
        (household.ConsentRef, household.CurrentRound).ShouldBe(("SQ-RENEWED-2", 2));
        household.ConsentSignedOn.ShouldBeOneOf(renewedBefore, renewedAfter);
        (await hub.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync())).ShouldBeGreaterThan(queries);
        var confirm = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm", consentRef = "SQ-RENEWED-3" });
        confirm.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "an authorization comes with a return for re-verification only");
    }

    [Fact]
    public async Task A_household_whose_authorization_runs_out_while_its_questions_wait_settles_incomplete_naming_it_in_the_batch_and_case_views()
    {
        // One tax question out at a time, and the first held by the outage until the test lifts it, with a deadline that does
        // not come first: the last household's waits until its authorization has run out, however slow the machine.
        await using var hub = await RunningHub.StartAsync(
            "Sandbox:Faults:tax:Outage=true", "Verification:Deadlines:tax=00:10:00", "Verification:MaxQueriesInFlight=1", "Verification:PersonsPerQuery=2");
        // Households whose records pass: the other agencies may answer before the authorization is made to run out, and a
        // household their records fail would then rightly fail, missing tax answer or not.
        var households = hub.Sandbox.Population.Households(start: 2900)
            .Where(h => h.Members.Count >= 2 && hub.Oracle.Expect(h, AsOf).Outcome == "pass").Take(3).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var last = households[^1].HouseholdRef;
        await hub.QueryDatabaseAsync(db => db.Households.Where(h => h.Ref == last)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ConsentSignedOn, hub.Services.GetRequiredService<OfficeClock>().Today.AddMonths(-13))));
        hub.Sandbox.Faults.For("tax").Outage = false;

        // The held question is asked again by the adapter's next retry, which may be a minute away.
        var batch = await hub.WaitForCompletionAsync(location, TimeSpan.FromMinutes(4));

        var expired = batch.Households.Single(h => h.Ref == households[^1].HouseholdRef);
        expired.Verification.Outcome.ShouldBe("incomplete");
        expired.Verification.Reasons.Where(r => r.Code == ReasonCodes.ConsentExpired).Select(r => r.IdNumber).Order()
            .ShouldBe(households[^1].Members.Select(m => m.IdNumber).Order(), "each member is named: asked of no agency once the authorization ran out");
        batch.Households.Where(h => h != expired).SelectMany(h => h.Verification.Reasons).ShouldNotContain(r => r.Code == ReasonCodes.ConsentExpired);

        var view = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{expired.CaseId}");
        view.GetProperty("evidence").EnumerateArray()
            .Where(e => e.GetProperty("agency").GetString() == "tax")
            .ShouldAllBe(e => e.GetProperty("state").GetString() == "refused" && e.GetProperty("refusalCode").GetString() == ReasonCodes.ConsentExpired);
        hub.Log.Events(Host.Consent.ConsentWithholding.WithheldEvent).ShouldNotBeEmpty("the refusal is logged");
    }

    private static object Batch(IEnumerable<SyntheticHousehold> households, DateOnly?[] signedOn) => new
    {
        township = RunningHub.Township,
        purpose = "new-application",
        asOf = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        households = households.Select((h, i) => new
        {
            @ref = h.HouseholdRef,
            consentRef = h.ConsentRef,
            consentSignedOn = signedOn[i]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            members = Members(h),
        }),
    };

    private static List<MemberBody> Members(SyntheticHousehold household) =>
        [.. household.Members.Select(m => new MemberBody(m.IdNumber, m.Name, m.Relation.ToString().ToLowerInvariant()))];

    /// <summary>How often the agencies, and each bank on its own, were asked about the household's members.</summary>
    private static int TimesAskedAbout(RunningHub hub, SyntheticHousehold household)
    {
        var banks = hub.Services.GetRequiredService<IOptions<VerificationOptions>>().Value.Banks;
        var sources = hub.Sandbox.Agencies.Where(a => a != AgencyCodes.Bank).Concat(banks.Select(b => $"{AgencyCodes.Bank}:{b}"));
        return sources.Sum(source => household.Members.Sum(m => hub.Sandbox.Asked.TimesAsked(source, m.IdNumber)));
    }

    /// <summary>
    /// Runs <paramref name="test"/> on a hub of its own with the offices' day as that hub counts it, and all of it again
    /// should midnight in China (16:00 UTC) pass while it runs: the test's dates and the hub's could then be a day apart,
    /// and a failure would say nothing about the hub. A failure on one day fails the test.
    /// </summary>
    private static async Task OnOneOfficeDayAsync(Func<RunningHub, DateOnly, Task> test)
    {
        while (true)
        {
            await using var hub = await RunningHub.StartAsync();
            var office = hub.Services.GetRequiredService<OfficeClock>();
            var today = office.Today;
            try
            {
                await test(hub, today);
                return;
            }
            catch (Exception) when (office.Today != today)
            {
                // Midnight passed: once more, all on the new day.
            }
        }
    }

    private sealed record MemberBody(string idNumber, string name, string relation);

    private sealed record CaseViewState(string State, int Round);
}
