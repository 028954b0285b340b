using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>Each agency's limits on runs, <c>Recomparison:Agencies:&lt;code&gt;</c>, counted at the sandbox's agencies.</summary>
public sealed class AgencyLimitsTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Theory]
    [InlineData("22:00-06:00", "23:30", true)]
    [InlineData("22:00-06:00", "05:59", true)]
    [InlineData("22:00-06:00", "06:00", false)]
    [InlineData("22:00-06:00", "12:00", false)]
    [InlineData("01:00-05:00", "00:59", false)]
    [InlineData("01:00-05:00", "01:00", true)]
    [InlineData("", "12:00", true)]
    [InlineData("00:00-00:00", "12:00", true)]
    public void A_window_holds_its_hours_across_midnight(string window, string time, bool inside)
    {
        HoursWindow.TryParse(window, out var parsed).ShouldBeTrue();
        parsed.Contains(TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture)).ShouldBe(inside);
    }

    [Theory]
    [InlineData("22:00")]
    [InlineData("22-06")]
    [InlineData("25:00-06:00")]
    [InlineData("22:00-06:00-08:00")]
    public void A_window_that_is_not_two_times_is_refused(string window) => HoursWindow.TryParse(window, out _).ShouldBeFalse();

    [Fact]
    public async Task A_run_asks_an_agency_no_faster_than_its_persons_per_second()
    {
        const double rate = 4;
        const int perQuery = 8;
        await using var hub = await RunningHub.StartAsync($"Recomparison:Agencies:tax:MaxPersonsPerSecond={rate}", $"Verification:PersonsPerQuery={perQuery}");
        var households = hub.Sandbox.Population.Households(start: 900).Take(24).ToList();
        var persons = households.Sum(h => h.Members.Count);
        (await hub.Client.PostAsync("/api/v1/roll/imports", RecomparisonTests.Import(households))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var run = await RecomparisonTests.WaitForAsync(city, runId, RecomparisonStatus.Completed);
        run.Agencies["tax"].Asked.ShouldBe(persons);

        // As the hub released them: within any span of PersonsPerQuery / rate seconds, no more than rate × span persons.
        var span = TimeSpan.FromSeconds(perQuery / rate);
        var released = await hub.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking()
            .Where(q => q.Agency == "tax" && q.Purpose == RecomparisonChunks.Purpose)
            .Select(q => new { SentAt = q.SentAtUtc!.Value, q.Persons })
            .ToListAsync());
        released.Sum(q => q.Persons).ShouldBe(persons);
        foreach (var query in released)
        {
            released.Where(q => q.SentAt > query.SentAt - span && q.SentAt <= query.SentAt).Sum(q => q.Persons)
                .ShouldBeLessThanOrEqualTo((int)(rate * span.TotalSeconds), $"released in the {span.TotalSeconds} s up to {query.SentAt:HH:mm:ss.fff}");
        }

        // As the agency saw them: the persons beyond the first span's took at least their time at the rate, here halved
        // for margin (a slow machine only spreads the requests further).
        var requests = hub.Sandbox.Asked.Requests("tax");
        requests.Sum(r => r.Persons).ShouldBe(persons);
        var shortest = TimeSpan.FromSeconds((persons - (rate * span.TotalSeconds)) / rate / 2);
        (requests.Max(r => r.At) - requests.Min(r => r.At)).ShouldBeGreaterThanOrEqualTo(shortest);
        hub.Sandbox.Asked.Requests("housing-fund").Sum(r => r.Persons).ShouldBe(persons, "the agency without a limit is asked as before");
    }

    [Fact]
    public async Task Outside_its_window_an_agency_is_asked_nothing_for_a_run_while_an_application_is_still_verified()
    {
        // An hour of the offices' day far from now: the run may not ask the tax bureau during this test.
        var office = TimeOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddHours(6);
        var window = $"{office:HH:mm}-{office.AddMinutes(1):HH:mm}";
        await using var hub = await RunningHub.StartAsync($"Recomparison:Agencies:tax:Window={window}");
        var recipients = hub.Sandbox.Population.Households(start: 950).Take(5).ToList();
        var applicants = hub.Sandbox.Population.Households(start: 960).Take(2).ToList();
        (await hub.Client.PostAsync("/api/v1/roll/imports", RecomparisonTests.Import(recipients))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var recipientIds = recipients.SelectMany(h => h.Members).Select(m => m.IdNumber).ToList();
        while (recipientIds.Any(id => hub.Sandbox.Asked.TimesAsked("housing-fund", id) == 0))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the run's questions to the housing fund never went out");
            await Task.Delay(200);
        }

        await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(applicants, AsOf))).Headers.Location!);

        applicants.SelectMany(h => h.Members).ShouldAllBe(m => hub.Sandbox.Asked.TimesAsked("tax", m.IdNumber) > 0);
        recipientIds.ShouldAllBe(id => hub.Sandbox.Asked.TimesAsked("tax", id) == 0);
        var run = (await city.GetFromJsonAsync<RecomparisonRunView>($"/api/v1/recomparisons/{runId}"))!;
        run.Status.ShouldBe(RecomparisonStatus.Running);
        run.Compared.ShouldBe(0, "every recipient awaits the tax bureau's window");
        (await city.PostAsync($"/api/v1/recomparisons/{runId}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
