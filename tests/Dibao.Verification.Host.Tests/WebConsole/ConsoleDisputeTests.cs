using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>The township records an applicant's dispute from the case page, naming the member by their place in the page's list.</summary>
public sealed class ConsoleDisputeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_dispute_names_the_member_the_page_showed_or_is_refused_never_the_whole_household_instead()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:Tiers:Township:AutoConfirm=Never", RunningHub.SandboxOnAsOfDay);
        var household = hub.Sandbox.Population.Households(start: 1200).First(h => h.Members.Count >= 2);
        var submitted = await hub.SubmitAsync(HouseholdBatches.Json([household], AsOf));
        var caseId = (await hub.WaitForCompletionAsync(submitted.Headers.Location!)).Households.Single().CaseId!.Value;
        var version = (await hub.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}")).GetProperty("version").GetInt32();

        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        (await session.SignInAsync("wang-01")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await session.TokenAsync($"/cases/{caseId}");
        (await session.Client.GetStringAsync($"/cases/{caseId}")).ShouldContain($"name=\"Version\" value=\"{version}\"");

        Task<HttpResponseMessage> DisputeAsync(int member, int seen) => session.Client.PostAsync($"/cases/{caseId}/dispute", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Agency"] = "tax",
            ["Member"] = member.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "申请人称已离职",
            ["Version"] = seen.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));

        (await DisputeAsync(member: 99, seen: version)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a member not on the page is not the whole household");
        (await DisputeAsync(member: 1, seen: version - 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the page was of another version of the case");
        (await hub.QueryDatabaseAsync(db => db.Disputes.CountAsync())).ShouldBe(0);

        var recorded = await DisputeAsync(member: 1, seen: version);
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        recorded.Headers.Location!.ToString().ShouldBe($"/cases/{caseId}?done=dispute");
        (await hub.QueryDatabaseAsync(db => db.Disputes.AsNoTracking().SingleAsync())).IdNumber.ShouldBe(household.Members[1].IdNumber);
    }
}
