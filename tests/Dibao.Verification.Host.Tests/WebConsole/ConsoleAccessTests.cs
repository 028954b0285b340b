using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.WebConsole;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>
/// The console's session against the API's rules: the cookie reads (the pages' download and progress links) but never
/// changes anything through the API, every form needs its antiforgery token, pages' reads are audited as the API's, and
/// sign-in is the provider's wherever the hub trusts one.
/// </summary>
public sealed class ConsoleAccessTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task The_console_cookie_reads_the_API_but_changes_nothing_through_it_and_every_form_needs_its_token()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:Tiers:Township:AutoConfirm=Never", "Confirmation:Tiers:County:AutoConfirm=Never");
        var submitted = await hub.SubmitAsync(HouseholdBatches.Json([hub.Sandbox.Population.Household(3)], AsOf));
        var batch = await hub.WaitForCompletionAsync(submitted.Headers.Location!);
        var caseId = batch.Households.Single().CaseId!.Value;
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        (await session.SignInAsync("wang-01")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await session.Client.GetAsync($"/api/v1/batches/{batch.BatchId}/progress")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var throughApi = await session.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" });
        throughApi.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var withoutToken = await session.Client.PostAsync($"/cases/{caseId}/decision", new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "confirm" }));
        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var caseView = await hub.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cases/{caseId}");
        caseView.GetProperty("tier").GetString().ShouldBe("township");

        var token = await session.TokenAsync($"/cases/{caseId}");
        var withToken = await session.Client.PostAsync($"/cases/{caseId}/decision", new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "confirm", ["__RequestVerificationToken"] = token }));
        withToken.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        withToken.Headers.Location!.ToString().ShouldBe($"/cases/{caseId}?done=decision");
        (await hub.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cases/{caseId}")).GetProperty("tier").GetString().ShouldBe("county");
    }

    [Fact]
    public async Task A_case_shown_by_the_console_is_audited_as_a_read_and_one_outside_the_jurisdiction_as_refused()
    {
        await using var hub = await RunningHub.StartAsync();
        var submitted = await hub.SubmitAsync(HouseholdBatches.Json([hub.Sandbox.Population.Household(3)], AsOf));
        var caseId = (await hub.WaitForCompletionAsync(submitted.Headers.Location!)).Households.Single().CaseId!.Value;

        using var anonymous = hub.Anonymous();
        using (var own = new ConsoleSession(anonymous.BaseAddress!))
        {
            await own.SignInAsync("zhao-county");
            var page = await own.Client.GetAsync($"/cases/{caseId}");
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).ShouldNotContain("href=\"/batches/", customMessage: "a county reviewer may not read batches: no link to one");
        }

        using (var township = new ConsoleSession(anonymous.BaseAddress!))
        {
            await township.SignInAsync("wang-01");
            (await township.Client.GetStringAsync($"/cases/{caseId}")).ShouldContain("href=\"/batches/");
        }

        using (var neighbour = new ConsoleSession(anonymous.BaseAddress!))
        {
            await neighbour.SignInAsync("liu-02");
            (await neighbour.Client.GetAsync($"/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var entries = await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == $"case:{caseId}").ToListAsync());
        entries.ShouldContain(e => e.Kind == AuditKinds.Read && e.User == "zhao-county" && e.Detail == $"GET /cases/{caseId}");
        entries.ShouldContain(e => e.Kind == AuditKinds.AccessDenied && e.User == "liu-02");
    }

    [Fact]
    public async Task A_page_the_role_may_not_open_is_refused_as_a_page_and_audited()
    {
        await using var hub = await RunningHub.StartAsync();
        using var anonymous = hub.Anonymous();
        using var auditor = new ConsoleSession(anonymous.BaseAddress!);
        await auditor.SignInAsync("sun-audit");

        var refused = await auditor.Client.GetAsync("/batches/new");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("data-testid=\"refusal\"");
        page.ShouldContain("角色 auditor 无权进行此操作");
        page.ShouldContain("href=\"/\"", customMessage: "a way back to the start page");
        var entries = await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.User == "sun-audit").ToListAsync());
        entries.ShouldContain(e => e.Kind == AuditKinds.AccessDenied && e.Detail == "GET /batches/new");

        // The API's own clients still get the problem document.
        var api = await hub.ClientAs(Host.Access.HubRoles.Auditor, "2201", "sun-audit").PostAsJsonAsync("/api/v1/batches", new { });
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_hub_trusting_an_identity_provider_offers_no_demo_users_and_sends_sign_in_to_the_provider()
    {
        const string Authority = "https://idp.example.gov.cn/realms/dibao";
        await using var hub = await RunningHub.StartAsync(
            builder => builder.Services.Configure<OpenIdConnectOptions>(ConsoleSchemes.OpenIdConnect, options =>
                // The provider's metadata, as if read from its discovery document: the test has no provider to read it from.
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Authority, AuthorizationEndpoint = Authority + "/protocol/openid-connect/auth" }),
            $"Auth:Authority={Authority}");
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);

        var page = await session.Client.GetAsync("/cases");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signIn = page.Headers.Location!;
        signIn.GetLeftPart(UriPartial.Path).ShouldBe(Authority + "/protocol/openid-connect/auth");
        signIn.Query.ShouldContain("client_id=dibao-console");
        signIn.Query.ShouldContain("code_challenge_method=S256");
        signIn.Query.ShouldContain("redirect_uri=" + Uri.EscapeDataString(new Uri(session.Client.BaseAddress!, "/signin-oidc").ToString()));

        // Back from a failed sign-in at the provider, the page offers to try again there, never the demo users.
        var failed = await session.Client.GetStringAsync("/sign-in?failed=true");
        failed.ShouldContain("统一身份认证");
        failed.ShouldNotContain("demo-wang-01");
    }
}
