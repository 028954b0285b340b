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

    [Fact]
    public async Task A_household_renewed_while_its_chunk_waits_is_compared_and_one_that_left_is_audited_as_left()
    {
        // The vehicle agency is down until the test has made its changes, and its deadline far off: the chunk waits for it
        // however long the changes take on a busy machine, and goes on once the agency is back.
        await using var hub = await RunningHub.StartAsync("Sandbox:Faults:vehicle:Outage=true", "Verification:Deadlines:vehicle=00:10:00");
        var households = hub.Sandbox.Population.Households(start: 1_200).Take(2).ToList();
        (await hub.Client.PostAsync("/api/v1/roll/imports", RecomparisonTests.Import(households))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var entries = await hub.QueryDatabaseAsync(db => db.RollHouseholds.AsNoTracking().ToDictionaryAsync(r => r.Ref));
        var (renewed, exited) = (households[0], households[1]);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await hub.QueryDatabaseAsync(db => db.RecomparisonChunks.CountAsync(c => c.RunId == runId)) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the run never took its chunk");
            await Task.Delay(100);
        }

        // While the chunk waits for the vehicle agency: one household's authorization is renewed, the other leaves the roll.
        (await hub.Client.PostAsJsonAsync($"/api/v1/roll/{entries[renewed.HouseholdRef].Id}/authorization", new { consentRef = "SQ-RENEWED-3" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await hub.QueryDatabaseAsync(db => db.RollHouseholds.Where(r => r.Id == entries[exited.HouseholdRef].Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeftAtUtc, DateTime.UtcNow).SetProperty(r => r.LeftByCaseId, Guid.NewGuid())));
        (await hub.QueryDatabaseAsync(db => db.RecomparisonChunks.AnyAsync(c => c.RunId == runId && c.ComparedAtUtc != null)))
            .ShouldBeFalse("the chunk must still wait for the vehicle agency");
        hub.Sandbox.Faults.For("vehicle").Outage = false;

        var run = await RecomparisonTests.WaitForAsync(city, runId, RecomparisonStatus.Completed);

        run.Compared.ShouldBe(1, "the renewed household is still a recipient; the one that left is not compared");
        var compared = await RecomparisonTests.ComparedAsync(hub, runId);
        var renewedOutcomes = compared.Where(e => e.Subject == "roll:" + entries[renewed.HouseholdRef].Id).Select(e => e.Outcome).ToList();
        renewedOutcomes.Count.ShouldBe(renewed.Members.Count);
        renewedOutcomes.ShouldAllBe(o => o != "compared:" + RecomparisonComparison.LeftRoll, "compared as the recipient it still is");
        compared.Where(e => e.Subject == "roll:" + entries[exited.HouseholdRef].Id).Select(e => e.Outcome).ShouldBe(
            Enumerable.Repeat("compared:" + RecomparisonComparison.LeftRoll, exited.Members.Count), "its members were asked about");
    }
}
