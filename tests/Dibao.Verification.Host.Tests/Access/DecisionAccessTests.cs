using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Tests.EndToEnd;

namespace Dibao.Verification.Host.Tests.Access;

/// <summary>The tier comes from the role, the reviewer from the token, and nobody signs two tiers of one case.</summary>
public sealed class DecisionAccessTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_decision_is_signed_at_the_role_s_tier_by_the_token_s_user_once_per_person()
    {
        await using var hub = await RunningHub.StartAsync(
            "Confirmation:Tiers:Township:AutoConfirm=Never", "Confirmation:Tiers:County:AutoConfirm=Never", "Confirmation:Tiers:City:AutoConfirm=Never");
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 2400).Take(1), AsOf))).Headers.Location!;
        var caseId = (await hub.WaitForCompletionAsync(location)).Households.Single().CaseId!.Value;
        var decisions = $"/api/v1/cases/{caseId}/decisions";
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");

        // The caseworker names no tier; a header and a body naming someone else are not taken.
        using (var request = new HttpRequestMessage(HttpMethod.Post, decisions) { Content = JsonContent.Create(new { action = "confirm", by = "someone-else" }) })
        {
            request.Headers.Add("X-Reviewer", "someone-else");
            (await hub.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await RefusedAsync(county.PostAsJsonAsync(decisions, new { tier = "city", action = "amend", outcome = "pass", reason = "越级" }), HttpStatusCode.Forbidden, ProblemCodes.TierMismatch);
        await RefusedAsync(
            hub.ClientAs(HubRoles.CountyReviewer, "220105", RunningHub.Caseworker).PostAsJsonAsync(decisions, new { action = "amend", outcome = "pass", reason = "自审自批" }),
            HttpStatusCode.Forbidden,
            ProblemCodes.SecondSignature);
        await RefusedAsync(
            hub.ClientAs(HubRoles.CountyReviewer, "220106", "county-99").PostAsJsonAsync(decisions, new { action = "amend", outcome = "pass", reason = "邻县" }),
            HttpStatusCode.NotFound,
            ProblemCodes.NotFound);
        await RefusedAsync(
            hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01").PostAsJsonAsync(decisions, new { action = "confirm" }),
            HttpStatusCode.Conflict,
            ProblemCodes.CaseNotAtTier);
        await RefusedAsync(county.PostAsJsonAsync(decisions, new { action = "amend", outcome = "pass", reason = "旧版本", version = 1 }), HttpStatusCode.Conflict, ProblemCodes.StaleVersion);

        (await county.PostAsJsonAsync(decisions, new { tier = "county", action = "amend", outcome = "pass", reason = "入户核实" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}");
        view!.History.Select(s => (s.Tier, s.Action, s.By)).ShouldBe(
        [
            ("township", "verified", "system"),
            ("township", "confirm", RunningHub.Caseworker),
            ("county", "amend", "county-01"),
        ]);
    }

    [Fact]
    public async Task Bodies_over_64_KiB_and_callers_over_their_rate_are_refused_with_their_own_codes()
    {
        await using var hub = await RunningHub.StartAsync("RateLimiting:PermitLimit=5", "RateLimiting:Window=00:10:00");
        var caseId = Guid.NewGuid();

        var large = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "return", reason = new string('理', 30_000) });
        large.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await CodeAsync(large)).ShouldBe(ProblemCodes.BodyTooLarge);
        var small = await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/corrections", new { reason = new string('理', 10_000), members = Array.Empty<object>() });
        small.StatusCode.ShouldBe(HttpStatusCode.NotFound, "60 KiB passes the limit");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await hub.Client.GetAsync("/api/v1/cases")).StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests, "two requests above and five here exceed five");
        var limited = await hub.Client.GetAsync("/api/v1/cases");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await CodeAsync(limited)).ShouldBe(ProblemCodes.RateLimited);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01").GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is per user");
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> sending, HttpStatusCode status, string code)
    {
        var response = await sending;
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        (await CodeAsync(response)).ShouldBe(code);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
