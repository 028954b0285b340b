using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.PublicNotice;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Verification;
using Dibao.Verification.Host.Tests.WebConsole;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.PublicNotice;

/// <summary>The public notice (公示) on the running hub: posted, listed, objected to, ended by its job.</summary>
public sealed class PublicNoticeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task Clean_passes_go_on_notice_are_listed_masked_an_objection_returns_one_to_the_county_and_the_job_ends_the_others_when_due()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:PublicNoticeDays=7");
        var oracle = hub.Oracle;
        var households = hub.Sandbox.Population.Households(start: 2400)
            .Where(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 })
            .Take(3).ToList();
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);
        var ids = batch.Households.Select(h => h.CaseId!.Value).ToList();
        var today = hub.Services.GetRequiredService<CaseDeadlines>().Today;

        // Through the township and county by themselves, then posted rather than sent to the city.
        foreach (var id in ids)
        {
            var posted = await GetCaseAsync(hub, id);
            (posted.Tier, posted.State, posted.NoticeFrom, posted.NoticeTo).ShouldBe(("county", "on-notice", today.AddDays(1), today.AddDays(7)));
            posted.History.Select(s => s.Action).ShouldBe(["verified", "confirm", "confirm", "notice"]);
        }

        var response = await hub.Client.GetAsync($"/api/v1/notices?township={RunningHub.Township}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var list = (await response.Content.ReadFromJsonAsync<NoticeList>())!;
        list.Items.Select(i => i.CaseId).Order().ShouldBe(ids.Order());
        var first = list.Items.Single(i => i.CaseId == ids[0]);
        (first.From, first.To).ShouldBe((today.AddDays(1), today.AddDays(7)));
        first.Members.Select(m => m.Name).ShouldBe(households[0].Members.Select(m => PersonName.Mask(m.Name)));
        first.Members.Select(m => m.IdNumber).ShouldBe(households[0].Members.Select(m => IdentityNumber.Mask(m.IdNumber)));
        foreach (var member in households.SelectMany(h => h.Members))
        {
            body.ShouldNotContain(member.IdNumber);
            body.ShouldNotContain(member.Name);
        }

        var otherCounty = hub.ClientAs(HubRoles.CountyReviewer, "220106", "county-elsewhere");
        (await otherCounty.GetAsync($"/api/v1/notices?township={RunningHub.Township}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        (await county.GetFromJsonAsync<NoticeList>("/api/v1/notices"))!.Items.Count.ShouldBe(3, "a county's list covers its townships");

        // An objection: back to the county, off the list, in the history and the audit trail.
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[1]}/objections", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await county.PostAsJsonAsync($"/api/v1/cases/{ids[1]}/objections", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var objected = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[1]}/objections", new { reason = "村民反映该户有未申报的经营收入" });
        objected.StatusCode.ShouldBe(HttpStatusCode.OK, await objected.Content.ReadAsStringAsync());
        var returned = (await objected.Content.ReadFromJsonAsync<CaseView>())!;
        (returned.Tier, returned.State).ShouldBe(("county", "returned"));
        var objection = returned.History[^1];
        (objection.Action, objection.By, objection.Reason).ShouldBe(("objection", RunningHub.Caseworker, "村民反映该户有未申报的经营收入"));
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[1]}/objections", new { reason = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await hub.Client.GetFromJsonAsync<NoticeList>($"/api/v1/notices?township={RunningHub.Township}"))!.Items.Select(i => i.CaseId).ShouldNotContain(ids[1]);
        (await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().CountAsync(e => e.Kind == AuditKinds.Objection && e.Subject == "case:" + ids[1]))).ShouldBe(1);

        // The first case's notice ended yesterday, the third's ends today: only the first goes on, to the city, where
        // a clean pass confirms itself.
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.NoticeTo, today.AddDays(-1))));
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(c => c.NoticeTo, today)));

        var ended = await hub.InScopeAsync(sp => sp.GetRequiredService<PublicNotices>().EndDueAsync(CancellationToken.None));
        var again = await hub.InScopeAsync(sp => sp.GetRequiredService<PublicNotices>().EndDueAsync(CancellationToken.None));

        (ended, again).ShouldBe((1, 0));
        var confirmed = await GetCaseAsync(hub, ids[0]);
        confirmed.State.ShouldBe("confirmed");
        confirmed.History.Select(s => s.Action).ShouldBe(["verified", "confirm", "confirm", "notice", "notice-ended", "confirm"]);
        (await GetCaseAsync(hub, ids[2])).State.ShouldBe("on-notice");
        (await GetCaseAsync(hub, ids[1])).State.ShouldBe("returned", "an objected case waits for the county, whatever its notice said");
    }

    [Fact]
    public async Task With_the_notice_off_a_county_pass_reaches_the_city_at_once()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:PublicNoticeDays=0", "Confirmation:Tiers:City:AutoConfirm=Never");
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2400).First(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 });
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);

        var view = await GetCaseAsync(hub, batch.Households.Single().CaseId!.Value);

        (view.Tier, view.State, view.NoticeFrom).ShouldBe(("city", "awaiting-review", null));
        (await hub.Client.GetFromJsonAsync<NoticeList>("/api/v1/notices"))!.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_county_fail_the_city_amends_to_pass_is_posted_and_the_city_signs_the_pass_after_the_notice()
    {
        await using var hub = await RunningHub.StartAsync(
            "Confirmation:PublicNoticeDays=7",
            "Confirmation:Tiers:Township:AutoConfirm=Never",
            "Confirmation:Tiers:County:AutoConfirm=Never",
            "Confirmation:Tiers:City:AutoConfirm=Never",
            RunningHub.SandboxOnAsOfDay);
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2400).First(h => oracle.Expect(h, AsOf).Outcome == "fail");
        var location = (await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!;
        var id = (await hub.WaitForCompletionAsync(location)).Households.Single().CaseId!.Value;
        var today = hub.Services.GetRequiredService<CaseDeadlines>().Today;
        const string Reason = "入户调查核实，家庭收入低于保障标准";
        (await DecideAsync(hub, id, "township", "confirm", RunningHub.Caseworker)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DecideAsync(hub, id, "county", "confirm", "county-01")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var amended = await DecideAsync(hub, id, "city", "amend", "city-01", outcome: "pass", reason: Reason);

        amended.StatusCode.ShouldBe(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());
        var posted = (await amended.Content.ReadFromJsonAsync<CaseView>())!;
        (posted.Tier, posted.State, posted.Outcome, posted.AmendmentReason, posted.NoticeFrom, posted.NoticeTo)
            .ShouldBe(("city", "on-notice", "pass", Reason, today.AddDays(1), today.AddDays(7)));
        posted.History.Select(s => (s.Tier, s.Action)).ShouldBe([("township", "verified"), ("township", "confirm"), ("county", "confirm"), ("city", "amend"), ("city", "notice")]);
        (await hub.Client.GetFromJsonAsync<NoticeList>("/api/v1/notices"))!.Items.ShouldHaveSingleItem().CaseId.ShouldBe(id);
        (await DecideAsync(hub, id, "city", "confirm", "city-01")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await hub.Client.GetFromJsonAsync<BatchView>(location))!.Households.Single().Final.ShouldBeNull("nothing is final while the public looks");

        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.NoticeTo, today.AddDays(-1))));
        (await hub.InScopeAsync(sp => sp.GetRequiredService<PublicNotices>().EndDueAsync(CancellationToken.None))).ShouldBe(1);

        var back = await GetCaseAsync(hub, id);
        (back.Tier, back.State, back.Outcome, back.Due is null).ShouldBe(("city", "awaiting-review", "pass", false));
        var signed = await DecideAsync(hub, id, "city", "confirm", "city-01");
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var confirmed = (await signed.Content.ReadFromJsonAsync<CaseView>())!;
        (confirmed.State, confirmed.Outcome, confirmed.AmendmentReason).ShouldBe(("confirmed", "pass", Reason));
        confirmed.History.Select(s => s.Action).ShouldBe(["verified", "confirm", "confirm", "amend", "notice", "notice-ended", "confirm"]);
        var final = (await hub.Client.GetFromJsonAsync<BatchView>(location))!.Households.Single().Final!;
        (final.Outcome, final.AmendmentReason, final.Confirmations.City!.By, final.Confirmations.City.Action).ShouldBe(("pass", Reason, "city-01", "confirm"));
    }

    [Fact]
    public async Task An_objection_after_the_notice_s_last_office_day_is_refused_though_the_job_has_not_run_and_the_job_still_sends_the_case_on()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:PublicNoticeDays=7", "Confirmation:Tiers:City:AutoConfirm=Never");
        var oracle = hub.Oracle;
        var households = hub.Sandbox.Population.Households(start: 2400)
            .Where(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 })
            .Take(3).ToList();
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);
        var ids = batch.Households.Select(h => h.CaseId!.Value).ToList();
        var noticeTo = (await GetCaseAsync(hub, ids[0])).NoticeTo!.Value;
        var china = TimeSpan.FromHours(8);
        var lastMinute = new ManualTimeProvider(new DateTimeOffset(noticeTo.ToDateTime(new TimeOnly(23, 59)), china));
        var nextDay = new ManualTimeProvider(new DateTimeOffset(noticeTo.AddDays(1).ToDateTime(TimeOnly.MinValue), china));

        // On the offices' clock: the last day's last minute is still the notice, the next day is not, whatever the job did.
        (await ObjectAtAsync(hub, lastMinute, ids[0])).ShouldBe(CaseCommandResult.Done);
        var late = await ObjectAtAsync(hub, nextDay, ids[1]);
        var version = (await GetCaseAsync(hub, ids[1])).Version;

        (late.Status, late.Code).ShouldBe((CaseCommandStatus.Conflict, "notice-ended"));
        (await GetCaseAsync(hub, ids[1])).State.ShouldBe("on-notice");

        // Over the API, once the notice's last day is behind the hub's own clock.
        var yesterday = hub.Services.GetRequiredService<CaseDeadlines>().Today.AddDays(-1);
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(c => c.NoticeTo, yesterday)));
        var refused = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{ids[2]}/objections", new { reason = "期满后才提出的异议" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("notice-ended");

        // The job sends both refused cases to the city as notices that ended without objection.
        var ended = await hub.InScopeAsync(sp => At(sp, nextDay).EndDueAsync(CancellationToken.None));

        ended.ShouldBe(2);
        foreach (var id in ids.Skip(1))
        {
            var view = await GetCaseAsync(hub, id);
            (view.Tier, view.State, view.History[^1].Action).ShouldBe(("city", "awaiting-review", "notice-ended"));
            view.History.ShouldNotContain(s => s.Action == "objection");
        }

        (await GetCaseAsync(hub, ids[1])).Version.ShouldBe(version + 1, "only the notice's end changed it");
        (await GetCaseAsync(hub, ids[0])).State.ShouldBe("returned");
    }

    [Fact]
    public async Task A_case_read_after_its_notice_s_last_office_day_says_the_notice_ended_until_the_job_sends_it_on_and_the_read_changes_nothing()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:PublicNoticeDays=7", "Confirmation:Tiers:City:AutoConfirm=Never");
        var oracle = hub.Oracle;
        var household = hub.Sandbox.Population.Households(start: 2400).First(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0 });
        var location = (await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!;
        var caseId = (await hub.WaitForCompletionAsync(location)).Households.Single().CaseId!.Value;
        var posted = await GetCaseAsync(hub, caseId);
        var china = TimeSpan.FromHours(8);
        var lastMinute = new ManualTimeProvider(new DateTimeOffset(posted.NoticeTo!.Value.ToDateTime(new TimeOnly(23, 59)), china));
        var nextDay = new ManualTimeProvider(new DateTimeOffset(posted.NoticeTo.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), china));

        // On the offices' clock: the last day's last minute is still the notice; from the next day the views say it
        // ended, though only the job moves the case on.
        foreach (var (clock, state) in new[] { (lastMinute, "on-notice"), (nextDay, "notice-ended") })
        {
            var view = (await hub.InScopeAsync(sp => QueriesAt(sp, clock).GetAsync(caseId, CancellationToken.None)))!;
            (view.Tier, view.State, view.Version).ShouldBe(("county", state, posted.Version));
            view.History[^1].Action.ShouldBe("notice");
            var listed = await hub.InScopeAsync(sp => QueriesAt(sp, clock).ListAsync(null, CaseState.OnNotice, null, overdueOnly: false, CancellationToken.None));
            listed.Items.Single().State.ShouldBe(state, "the list filtered by on-notice keeps a case the job has yet to send on, saying where it is");
            var posting = await hub.InScopeAsync(sp => At(sp, clock).ListAsync(RunningHub.Township, CancellationToken.None));
            posting.Items.Any(i => i.CaseId == caseId).ShouldBe(state == "on-notice", "the printed notice list ends with the notice's last day");
        }

        (await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId))).ShouldSatisfyAllConditions(
            c => c.State.ShouldBe(CaseState.OnNotice, "reading wrote nothing"),
            c => c.Version.ShouldBe(posted.Version));

        // Over the API, the batch view and the console, once the last day is behind the hub's own clock.
        var yesterday = hub.Services.GetRequiredService<CaseDeadlines>().Today.AddDays(-1);
        await hub.QueryDatabaseAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.NoticeTo, yesterday)));
        (await GetCaseAsync(hub, caseId)).State.ShouldBe("notice-ended");
        (await hub.Client.GetFromJsonAsync<BatchView>(location))!.Households.Single().State.ShouldBe("notice-ended");
        (await hub.Client.GetFromJsonAsync<NoticeList>($"/api/v1/notices?township={RunningHub.Township}"))!.Items.ShouldBeEmpty();
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        (await session.SignInAsync("wang-01")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await session.Client.GetStringAsync($"/cases/{caseId}");
        page.ShouldContain("公示期满，待转市级");
        page.ShouldNotContain("公示中");
        page.ShouldNotContain("登记异议", customMessage: "an objection after the last day is refused: the page offers none");

        (await hub.InScopeAsync(sp => At(sp, nextDay).EndDueAsync(CancellationToken.None))).ShouldBe(1);
        var sent = await GetCaseAsync(hub, caseId);
        (sent.Tier, sent.State, sent.History[^1].Action).ShouldBe(("city", "awaiting-review", "notice-ended"));
    }

    /// <summary>The hub's case queries with their office day read from <paramref name="clock"/>.</summary>
    private static CaseQueries QueriesAt(IServiceProvider services, TimeProvider clock)
    {
        var options = services.GetRequiredService<IOptions<ConfirmationOptions>>();
        var deadlines = new CaseDeadlines(services.GetRequiredService<WorkingDayCalendar>(), options, new OfficeClock(clock, options));
        return ActivatorUtilities.CreateInstance<CaseQueries>(services, deadlines);
    }

    /// <summary>An objection recorded by the township's caseworker as the hub would at the moment <paramref name="clock"/> shows.</summary>
    private static Task<CaseCommandResult> ObjectAtAsync(RunningHub hub, TimeProvider clock, Guid caseId) =>
        hub.InScopeAsync(sp => At(sp, clock).ObjectAsync(
            caseId, new ObjectionRequest("村民反映该户有未申报的经营收入"), new Caller(RunningHub.Caseworker, HubRoles.TownshipCaseworker, RunningHub.Township), CancellationToken.None));

    /// <summary>The hub's public notices with their office day read from <paramref name="clock"/>.</summary>
    private static PublicNotices At(IServiceProvider services, TimeProvider clock)
    {
        var options = services.GetRequiredService<IOptions<ConfirmationOptions>>();
        var deadlines = new CaseDeadlines(services.GetRequiredService<WorkingDayCalendar>(), options, new OfficeClock(clock, options));
        return ActivatorUtilities.CreateInstance<PublicNotices>(services, deadlines, clock);
    }

    /// <summary>A decision by <paramref name="by"/>, signed in with the role of <paramref name="tier"/> over the test township.</summary>
    private static Task<HttpResponseMessage> DecideAsync(RunningHub hub, Guid caseId, string tier, string action, string by, string? outcome = null, string? reason = null) =>
        hub.ClientAs(
                tier switch { "township" => HubRoles.TownshipCaseworker, "county" => HubRoles.CountyReviewer, _ => HubRoles.CityReviewer },
                RunningHub.Township[..(tier switch { "township" => 9, "county" => 6, _ => 4 })],
                by)
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { tier, action, outcome, reason });

    private static async Task<CaseView> GetCaseAsync(RunningHub hub, Guid caseId) =>
        await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}") ?? throw new InvalidOperationException("No case.");
}
