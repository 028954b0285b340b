using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Problems;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.StaffRelatives;

/// <summary>The register of staff members' close relatives (近亲属备案), kept by admins, read by every evaluation and decision.</summary>
public sealed class StaffRelativeTests
{
    private const string Register = "/api/v1/staff-relatives";
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    private static readonly string[] HumansEverywhere =
    [
        "Confirmation:Tiers:Township:AutoConfirm=Never",
        "Confirmation:Tiers:County:AutoConfirm=Never",
        "Confirmation:Tiers:City:AutoConfirm=Never",
    ];

    private static string Id(int sequence) => IdentityNumber.Compose("220105", new DateOnly(1961, 4, 2), sequence);

    [Fact]
    public async Task Admins_register_relatives_by_api_and_csv_within_their_jurisdiction_and_a_bad_row_stores_nothing()
    {
        await using var hub = await RunningHub.StartAsync();
        var admin = hub.ClientAs(HubRoles.Admin, "2201", "admin-01");

        var created = await admin.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = Id(11), relation = "sibling", jurisdiction = "220105" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var entry = await created.Content.ReadFromJsonAsync<JsonElement>();
        entry.GetProperty("idNumber").GetString().ShouldBe(IdentityNumber.Mask(Id(11)), "the register shows masked numbers");
        entry.GetProperty("registeredBy").GetString().ShouldBe("admin-01");
        (await admin.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = Id(11).ToLowerInvariant(), relation = "sibling", jurisdiction = "220105" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "already registered");

        var outside = await admin.PostAsJsonAsync(Register, new { staffUser = "x-01", idNumber = Id(12), relation = "spouse", jurisdiction = "2202" });
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeAsync(outside)).ShouldBe(ProblemCodes.OutsideJurisdiction);

        var bad = await ImportAsync(admin, "staff_user,id_number,relation,jurisdiction\n" +
            $"town-03,{Id(21)},parent,\n" +
            $"town-03,{Id(22)[..16]},child,\n" +
            $"town-03,{Id(23)},cousin,2202\n");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        errors.ShouldBe([(3, "id_number"), (4, "relation"), (4, "jurisdiction")]);
        (await ListAsync(admin)).Count.ShouldBe(1, "nothing of a refused import is stored");

        var csv = $"staff_user,id_number,relation\ntown-03,{Id(21)},parent\ntown-03,{Id(22)},child\ncounty-07,{Id(11)},sibling\n";
        var imported = await ImportAsync(admin, csv, "?jurisdiction=220105001");
        imported.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().ShouldBe(2);
        var again = await (await ImportAsync(admin, csv, "?jurisdiction=220105001")).Content.ReadFromJsonAsync<JsonElement>();
        (again.GetProperty("added").GetInt32(), again.GetProperty("alreadyRegistered").GetInt32()).ShouldBe((0, 3));

        var listed = await ListAsync(admin);
        listed.Select(e => e.GetProperty("jurisdiction").GetString()).Order().ShouldBe(["220105", "220105001", "220105001"]);
        (await ListAsync(admin, $"&idNumber={Id(22)}")).Single().GetProperty("relation").GetString().ShouldBe("child");
        (await ListAsync(hub.ClientAs(HubRoles.Admin, "220106", "admin-02"), "", jurisdiction: "220106")).ShouldBeEmpty("another county's admin sees none of them");

        var toRemove = listed.First(e => e.GetProperty("staffUser").GetString() == "town-03").GetProperty("id").GetGuid();
        (await hub.ClientAs(HubRoles.Admin, "2202", "admin-03").DeleteAsync($"{Register}/{toRemove}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.DeleteAsync($"{Register}/{toRemove}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ListAsync(admin)).Count.ShouldBe(2);
        var removed = await hub.QueryDatabaseAsync(db => db.StaffRelatives.AsNoTracking().SingleAsync(r => r.Id == toRemove));
        (removed.RemovedBy, removed.RemovedAtUtc.HasValue).ShouldBe(("admin-01", true), "a removed entry is kept, marked");
    }

    [Fact]
    public async Task Another_jurisdictions_entry_for_the_same_staff_member_and_relative_is_neither_shown_nor_in_the_way()
    {
        await using var hub = await RunningHub.StartAsync();
        var first = hub.ClientAs(HubRoles.Admin, "220105", "admin-01");
        var second = hub.ClientAs(HubRoles.Admin, "220106", "admin-02");
        (await first.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = Id(31), relation = "sibling" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var theirs = await second.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = Id(31), relation = "spouse" });

        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        var entry = await theirs.Content.ReadFromJsonAsync<JsonElement>();
        (entry.GetProperty("relation").GetString(), entry.GetProperty("jurisdiction").GetString(), entry.GetProperty("registeredBy").GetString())
            .ShouldBe(("spouse", "220106", "admin-02"));
        (await ListAsync(second, "", jurisdiction: "220106")).ShouldHaveSingleItem().GetProperty("relation").GetString().ShouldBe("spouse");
        (await ListAsync(first, "", jurisdiction: "220105")).ShouldHaveSingleItem().GetProperty("relation").GetString().ShouldBe("sibling");
        var imported = await (await ImportAsync(second, $"staff_user,id_number,relation\ncounty-07,{Id(31)},spouse\n")).Content.ReadFromJsonAsync<JsonElement>();
        (imported.GetProperty("added").GetInt32(), imported.GetProperty("alreadyRegistered").GetInt32()).ShouldBe((0, 1));
    }

    [Fact]
    public async Task Only_admins_keep_the_register()
    {
        await using var hub = await RunningHub.StartAsync();
        foreach (var (role, jurisdiction) in new[] { (HubRoles.TownshipCaseworker, RunningHub.Township), (HubRoles.CountyReviewer, "220105"), (HubRoles.CityReviewer, "2201"), (HubRoles.Auditor, "2201") })
        {
            var client = hub.ClientAs(role, jurisdiction, role + "-01");
            var added = await client.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = Id(11), relation = "sibling" });
            added.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            (await CodeAsync(added)).ShouldBe(ProblemCodes.RoleNotPermitted, role);
            (await client.GetAsync(Register)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }

        (await hub.QueryDatabaseAsync(db => db.StaffRelatives.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_household_with_a_registered_relative_is_reviewed_and_the_staff_member_cannot_sign_it_while_another_reviewer_may()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var households = hub.Sandbox.Population.Households(start: 3100).Where(h => hub.Oracle.Expect(h, AsOf).Outcome == "pass").Take(2).ToList();
        var relative = households[0].Members[^1];
        var admin = hub.ClientAs(HubRoles.Admin, "220105", "admin-01");
        (await admin.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = relative.IdNumber, relation = "grandchild" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!);

        var flagged = batch.Households.Single(h => h.Ref == households[0].HouseholdRef);
        flagged.Verification.Outcome.ShouldBe("review");
        var reason = flagged.Verification.Reasons.Single();
        (reason.Code, reason.IdNumber).ShouldBe((ReasonCodes.StaffRelativeReview, relative.IdNumber));
        reason.Evidence.ShouldContain("county-07");
        batch.Households.Single(h => h.Ref == households[1].HouseholdRef).Verification.Outcome.ShouldBe("pass", "the register touches only its relatives' households");

        var caseId = flagged.CaseId!.Value;
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-07")
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "amend", outcome = "pass", reason = "核实无误" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeAsync(refused)).ShouldBe(ProblemCodes.StaffRelative);

        var signed = await hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01")
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "amend", outcome = "pass", reason = "近亲属备案已核实，家庭经济状况符合条件" });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("history").EnumerateArray().Select(s => s.GetProperty("by").GetString()).ToList();
        history.ShouldNotContain("county-07");
        history.ShouldContain("county-01");
    }

    [Fact]
    public async Task An_entry_binds_its_staff_member_only_within_its_jurisdiction()
    {
        // An admin of another city names a reviewer of this county: outside the entry's jurisdiction the household is
        // neither put to review nor taken from that reviewer.
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var household = hub.Sandbox.Population.Households(start: 3300).First(h => hub.Oracle.Expect(h, AsOf).Outcome == "pass");
        var elsewhere = hub.ClientAs(HubRoles.Admin, "2202", "admin-02");
        (await elsewhere.PostAsJsonAsync(Register, new { staffUser = "county-07", idNumber = household.Members[0].IdNumber, relation = "other" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var settled = (await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!)).Households.Single();

        settled.Verification.Outcome.ShouldBe("pass");
        var caseId = settled.CaseId!.Value;
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-07")
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_caseworker_on_the_register_cannot_correct_the_relative_s_household_while_a_colleague_may()
    {
        await using var hub = await RunningHub.StartAsync(HumansEverywhere);
        var household = hub.Sandbox.Population.Households(start: 3200).First(h => h.Members.Count > 1);
        var admin = hub.ClientAs(HubRoles.Admin, "220105", "admin-01");
        (await admin.PostAsJsonAsync(Register, new { staffUser = "township-07", idNumber = household.Members[^1].IdNumber, relation = "child" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var batch = await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!);
        var caseId = batch.Households.Single().CaseId!.Value;
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01")
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "return", reason = "姓名有误" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var corrected = household.Members.Select((m, i) => new { idNumber = m.IdNumber, name = i == 0 ? m.Name + "某" : m.Name, relation = m.Relation.ToString().ToLowerInvariant() }).ToList();

        var refused = await hub.ClientAs(HubRoles.TownshipCaseworker, RunningHub.Township, "township-07")
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/corrections", new { members = corrected, reason = "姓名有误" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeAsync(refused)).ShouldBe(ProblemCodes.StaffRelative);
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/corrections", new { members = corrected, reason = "姓名有误" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "a colleague not on the register corrects it");
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string query = "") =>
        client.PostAsync($"{Register}/imports{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string filter = "", string? jurisdiction = null) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"{Register}?jurisdiction={jurisdiction ?? "2201"}{filter}")).GetProperty("items").EnumerateArray()];

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
