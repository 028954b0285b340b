using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Access;

/// <summary>
/// Every endpoint the application maps, found through its <see cref="EndpointDataSource"/>, is called anonymously, by every
/// role over the data's jurisdiction and by every role over a neighbouring one. An endpoint added without a line in
/// <see cref="Rules"/> fails this test, so none can skip the rules.
/// </summary>
public sealed partial class EndpointAccessTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    /// <summary>Who may call what, written out here rather than read from the hub: the rules the hub must keep.</summary>
    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["GET /health"] = new(Anonymous: true),
        ["GET /openapi/{documentName}.json"] = new(Roles: HubRoles.All, Jurisdictional: false),
        ["POST /api/v1/batches/"] = new(Roles: [HubRoles.TownshipCaseworker]),
        ["GET /api/v1/batches/{batchId:guid}"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.Auditor]),
        ["GET /api/v1/batches/{batchId:guid}/results.csv"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.Auditor]),
        ["GET /api/v1/batches/{batchId:guid}/results.xlsx"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.Auditor]),
        ["GET /api/v1/batches/{batchId:guid}/progress"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.Auditor]),
        ["GET /api/v1/cases/"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["GET /api/v1/cases/overdue"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["GET /api/v1/cases/{caseId:guid}"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["GET /api/v1/cases/{caseId:guid}/rounds/{number:int}"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["GET /api/v1/cases/{caseId:guid}/report.pdf"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["POST /api/v1/cases/{caseId:guid}/decisions"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer]),
        ["POST /api/v1/cases/{caseId:guid}/corrections"] = new(Roles: [HubRoles.TownshipCaseworker]),
        ["POST /api/v1/cases/{caseId:guid}/objections"] = new(Roles: [HubRoles.TownshipCaseworker]),
        ["POST /api/v1/cases/{caseId:guid}/disputes"] = new(Roles: [HubRoles.TownshipCaseworker]),
        ["GET /api/v1/notices"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["GET /api/v1/staff-relatives/"] = new(Roles: [HubRoles.Admin]),
        ["POST /api/v1/staff-relatives/"] = new(Roles: [HubRoles.Admin]),
        ["POST /api/v1/staff-relatives/imports"] = new(Roles: [HubRoles.Admin]),
        ["DELETE /api/v1/staff-relatives/{entryId:guid}"] = new(Roles: [HubRoles.Admin]),
        ["GET /api/v1/audit/"] = new(Roles: [HubRoles.Auditor]),
        ["GET /api/v1/audit/verification"] = new(Roles: [HubRoles.Auditor], Jurisdictional: false),
        ["GET /api/v1/roll/"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),
        ["POST /api/v1/roll/imports"] = new(Roles: [HubRoles.TownshipCaseworker]),
        ["POST /api/v1/roll/{rollId:guid}/authorization"] = new(Roles: [HubRoles.TownshipCaseworker]),
        ["POST /api/v1/recomparisons/"] = new(Roles: [HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Admin]),
        ["GET /api/v1/recomparisons/{runId:guid}"] = new(Roles: [HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Admin]),
        ["POST /api/v1/recomparisons/{runId:guid}/cancel"] = new(Roles: [HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Admin]),
        ["GET /api/v1/recomparisons/{runId:guid}/changes"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor]),

        // The console's pages: the API's rules, with the cookie's sign-in in place of the 401.
        ["GET /console/{file}"] = new(Anonymous: true),
        ["GET sign-in"] = new(Anonymous: true),
        ["GET "] = new(Roles: HubRoles.All, Jurisdictional: false, SignInFirst: true),
        ["GET batches/new"] = new(Roles: [HubRoles.TownshipCaseworker], Jurisdictional: false, SignInFirst: true),
        ["GET batches/{batchId:guid}"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.Auditor], SignInFirst: true),
        ["GET batches/{batchId:guid}/progress"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.Auditor], SignInFirst: true),
        ["GET cases"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor], SignInFirst: true),
        ["GET cases/{caseId:guid}"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer, HubRoles.Auditor], SignInFirst: true),
        ["GET cases/{caseId:guid}/decision"] = new(Roles: [HubRoles.TownshipCaseworker, HubRoles.CountyReviewer, HubRoles.CityReviewer], SignInFirst: true),
        ["GET cases/{caseId:guid}/correction"] = new(Roles: [HubRoles.TownshipCaseworker], SignInFirst: true),
        ["GET cases/{caseId:guid}/objection"] = new(Roles: [HubRoles.TownshipCaseworker], SignInFirst: true),
        ["GET cases/{caseId:guid}/dispute"] = new(Roles: [HubRoles.TownshipCaseworker], SignInFirst: true),
    };

    /// <summary>Each role over the test township, and over a neighbour: the next township, county or city.</summary>
    private static readonly (string Role, string Own, string Foreign)[] Callers =
    [
        (HubRoles.TownshipCaseworker, "220105001", "220105002"),
        (HubRoles.CountyReviewer, "220105", "220106"),
        (HubRoles.CityReviewer, "2201", "2202"),
        (HubRoles.Auditor, "2201", "2202"),
        (HubRoles.Admin, "2201", "2202"),
    ];

    [Fact]
    public async Task Every_mapped_endpoint_keeps_the_role_and_jurisdiction_rules()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:Tiers:Township:AutoConfirm=Never");
        var household = hub.Sandbox.Population.Household(3);
        var location = (await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!;
        var batch = await hub.WaitForCompletionAsync(location);
        var caseId = batch.Households.Single().CaseId!.Value;
        var entry = await hub.ClientAs(HubRoles.Admin, "2201", "admin-setup").PostAsJsonAsync("/api/v1/staff-relatives",
            new { staffUser = "someone-else", idNumber = Domain.Identity.IdentityNumber.Compose("220105", new DateOnly(1961, 4, 2), 1), relation = "spouse", jurisdiction = RunningHub.Township });
        entry.StatusCode.ShouldBe(HttpStatusCode.Created, await entry.Content.ReadAsStringAsync());
        var entryId = (await entry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var run = await hub.ClientAs(HubRoles.CityReviewer, "2201", "city-setup").PostAsJsonAsync("/api/v1/recomparisons", new { jurisdiction = RunningHub.Township });
        run.StatusCode.ShouldBe(HttpStatusCode.Accepted, await run.Content.ReadAsStringAsync());
        var runId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();
        var imported = await hub.Client.PostAsync("/api/v1/roll/imports", new StringContent(HouseholdBatches.RollCsv([hub.Sandbox.Population.Household(4)], _ => "2024-01-01"), System.Text.Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var rollId = (await hub.Client.GetFromJsonAsync<JsonElement>("/api/v1/roll")).GetProperty("items")[0].GetProperty("rollId").GetGuid();

        var endpoints = hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Method: method, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(Rules.Count);
        var checkedCalls = 0;
        foreach (var (method, pattern) in endpoints)
        {
            var key = $"{method} {pattern}";
            Rules.TryGetValue(key, out var rule).ShouldBeTrue($"{key} is mapped but has no rule in this test: say who may call it");
            var url = Url(pattern, batch.BatchId, caseId, entryId, runId, rollId);

            using (var anonymous = hub.Anonymous())
            {
                var response = await SendAsync(anonymous, method, url);
                if (rule!.Anonymous)
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.OK, key);
                    continue;
                }

                if (rule.SignInFirst)
                {
                    response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/sign-in", key);
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, key);
                    (await CodeAsync(response)).ShouldBe(ProblemCodes.Unauthenticated, key);
                }
            }

            foreach (var (role, own, foreign) in Callers)
            {
                var ownResponse = await SendAsync(hub.ClientAs(role, own, $"{role}-own"), method, url);
                var foreignResponse = await SendAsync(hub.ClientAs(role, foreign, $"{role}-foreign"), method, url);
                checkedCalls += 2;
                if (!rule.Roles.Contains(role))
                {
                    foreach (var response in new[] { ownResponse, foreignResponse })
                    {
                        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} on {key}");
                        if (rule.SignInFirst)
                        {
                            // A console page refuses as a page.
                            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", $"{role} on {key}");
                            (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"refusal\"", customMessage: $"{role} on {key}");
                        }
                        else
                        {
                            (await CodeAsync(response)).ShouldBe(ProblemCodes.RoleNotPermitted, $"{role} on {key}");
                        }
                    }

                    continue;
                }

                ((int)ownResponse.StatusCode).ShouldBeInRange(200, 499, $"{role} on {key}: {await ownResponse.Content.ReadAsStringAsync()}");
                ownResponse.StatusCode.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound], $"{role} on {key}: {await ownResponse.Content.ReadAsStringAsync()}");
                if (!rule.Jurisdictional)
                {
                    foreignResponse.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} over {foreign} on {key}");
                    continue;
                }

                // Outside, the data does not exist for the caller; only a submission or a register entry, which names its
                // jurisdiction, is refused as such.
                var body = await foreignResponse.Content.ReadAsStringAsync();
                (foreignResponse.StatusCode, await CodeAsync(foreignResponse)).ShouldBe(
                    method == "POST" && pattern is "/api/v1/batches/" or "/api/v1/staff-relatives/" or "/api/v1/staff-relatives/imports" or "/api/v1/roll/imports" or "/api/v1/recomparisons/"
                        ? (HttpStatusCode.Forbidden, ProblemCodes.OutsideJurisdiction)
                        : (HttpStatusCode.NotFound, ProblemCodes.NotFound),
                    $"{role} over {foreign} on {key}: {body}");
                body.ShouldNotContain(household.HouseholdRef);
                hub.Log.Events(JurisdictionGuard.OutsideJurisdictionEvent)
                    .ShouldContain(e => (string?)e["User"] == $"{role}-foreign" && (string?)e["Township"] != null, $"{role} over {foreign} on {key} is logged");
            }
        }

        checkedCalls.ShouldBe(endpoints.Count(e => !Rules[$"{e.Method} {e.Pattern}"].Anonymous) * Callers.Length * 2);
    }

    /// <summary>The route with the test's batch and case; a parameter this test does not know fails it, so a new one is thought about.</summary>
    private static string Url(string pattern, Guid batchId, Guid caseId, Guid entryId, Guid runId, Guid rollId)
    {
        var path = RouteParameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "batchId" => batchId.ToString(),
            "caseId" => caseId.ToString(),
            "entryId" => entryId.ToString(),
            "runId" => runId.ToString(),
            "rollId" => rollId.ToString(),
            "number" => "1",
            "documentName" => "v1",
            "file" => "console.css",
            var other => throw new ShouldAssertException($"{pattern}: the test does not know what to put for {{{other}}}"),
        });

        // Read against the test township: lists take it as their filter (the notice list as its township), the other
        // endpoints ignore it.
        return $"{path}?jurisdiction={RunningHub.Township}&township={RunningHub.Township}";
    }

    /// <summary>
    /// One body for every POST: well-formed but refused on its content (an empty batch, a return without a reason, a
    /// correction without members or reason, a register entry without staff member or number, an import that is not CSV, an authorization without its number),
    /// so a permitted caller gets 400 or 415 and nothing changes between callers. A DELETE removes the test's register entry:
    /// the one permitted caller over its own jurisdiction gets 204, the others its refusal.
    /// </summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) =>
        method switch
        {
            "GET" => client.GetAsync(url),
            "POST" => client.PostAsJsonAsync(url, new
            {
                township = RunningHub.Township,
                purpose = "new-application",
                asOf = "2026-11-15",
                households = Array.Empty<object>(),
                action = "return",
                reason = "",
                members = Array.Empty<object>(),
                jurisdiction = RunningHub.Township,
            }),
            "DELETE" => client.DeleteAsync(url),
            _ => throw new ShouldAssertException($"The test does not know how to call {method} {url}"),
        };

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length == 0)
        {
            return null;
        }

        using var problem = JsonDocument.Parse(body);
        var code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        problem.RootElement.GetProperty("type").GetString().ShouldBe(HubProblems.TypePrefix + code);
        return code;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <param name="Anonymous">Open to anyone, signed in or not.</param>
    /// <param name="Roles">The roles that may call it, over their own jurisdiction.</param>
    /// <param name="Jurisdictional">Whether it touches data of a jurisdiction; if not, every permitted role gets the same answer.</param>
    /// <param name="SignInFirst">A console page: without a token or the console's cookie, the caller is sent to sign in.</param>
    private sealed record Rule(bool Anonymous = false, IReadOnlyList<string>? Roles = null, bool Jurisdictional = true, bool SignInFirst = false)
    {
        public IReadOnlyList<string> Roles { get; } = Roles ?? [];
    }
}
