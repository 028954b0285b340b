using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>An agency down through a whole run: its persons are unavailable for that run, and the others' answers still count.</summary>
public sealed class AgencyOutageTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task An_agency_down_leaves_its_persons_unavailable_in_the_run_and_the_other_agencies_answer_everyone()
    {
        await using var hub = await RunningHub.StartAsync("Sandbox:Faults:vehicle:Outage=true", "Verification:Deadlines:vehicle=00:00:20");
        var oracle = hub.Oracle;
        var recipients = hub.Sandbox.Population.Households(start: 1_200)
            .Where(h => oracle.Expect(h, AsOf, down: "vehicle").Outcome == "incomplete").Take(6).ToList();
        var persons = recipients.Sum(h => h.Members.Count);
        (await hub.Client.PostAsync("/api/v1/roll/imports", RecomparisonTests.Import(recipients))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var run = await RecomparisonTests.WaitForAsync(city, runId, RecomparisonStatus.Completed);

        run.Compared.ShouldBe(recipients.Count);
        run.Changed.ShouldBe(0, "nothing can be said of a household an agency did not answer about");
        run.Agencies["vehicle"].ShouldBe(new AgencyCountsView(persons, 0, persons));
        run.Agencies.Where(a => a.Key != "vehicle").ShouldAllBe(a => a.Value == new AgencyCountsView(persons, 0, 0));
        new[] { "bank:ICBC", "business-registry", "housing-fund", "social-security", "tax" }.ShouldBeSubsetOf(run.Agencies.Keys);
        (await hub.QueryDatabaseAsync(db => db.RecomparisonChunks.Where(c => c.RunId == runId).SumAsync(c => c.Unavailable))).ShouldBe(recipients.Count);
        (await hub.QueryDatabaseAsync(db => db.RecomparisonItems.CountAsync(i => i.RunId == runId))).ShouldBe(0, "a household that did not change gets no row");
        (await hub.QueryDatabaseAsync(db => db.Cases.CountAsync())).ShouldBe(0);
    }
}
