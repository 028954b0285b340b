using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Recomparison;

/// <summary>
/// Recipients' lives change in the sandbox's population after they were confirmed, as they do between two nights: the
/// next run finds each change, with the proposal the reference policy gives, and nothing else.
/// </summary>
public sealed class PlantedChangeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_new_pension_car_company_and_job_each_raise_a_case_with_the_right_proposal_after_the_next_run_and_nothing_else_does()
    {
        await using var hub = await RunningHub.StartAsync();
        var population = hub.Sandbox.Population;
        var oracle = hub.Oracle;
        // Confirmed recipients without income of their own to hide a new one behind: a job or pension counts in full.
        var recipients = population.Households(start: 4_000)
            .Where(h => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0, PerCapitaMonthlyIncome: < 600 }
                && population.Describe(h.Members[0].IdNumber, AsOf) is { Employments.Count: 0, TaxRecords.Count: 0, HousingFundAccounts.Count: 0 })
            .Take(8).ToList();
        recipients.Count.ShouldBe(8);
        await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json(recipients, AsOf))).Headers.Location!);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync(r => r.LeftAtUtc == null))).ShouldBe(recipients.Count, "each confirmed as a clean pass");

        var company = population.Households().SelectMany(h => h.Members).Select(m => population.Describe(m.IdNumber, AsOf))
            .SelectMany(p => p.Businesses).First(b => b.Type == "company");
        var employer = population.Households().SelectMany(h => h.Members).Select(m => population.Describe(m.IdNumber, AsOf))
            .SelectMany(p => p.Employments).First();
        var (pensioner, driver, owner, worker) = (recipients[0], recipients[1], recipients[2], recipients[3]);
        var before = oracle.Expect(pensioner, AsOf).PerCapitaMonthlyIncome!.Value;
        // Half-way to the standard per head: beyond the 10 % threshold, still a pass.
        var pension = Math.Round(pensioner.Members.Count * (PolicyOracle.Standard - before) / 2, 2);
        population.Plant(pensioner.Members[0].IdNumber, p => p with { Pensions = [.. p.Pensions, new SyntheticPension("enterprise-employee", pension, new DateOnly(2026, 3, 1), "paying")] });
        population.Plant(driver.Members[0].IdNumber, p => p with { Vehicles = [.. p.Vehicles, new SyntheticVehicle("吉A7K3M2", "02", "K33", "A", "A", new DateOnly(2026, 9, 20), "大众", "0")] });
        population.Plant(owner.Members[0].IdNumber, p => p with
        {
            Businesses = [.. p.Businesses, company with { Role = "legal-representative", Status = "active", Established = new DateOnly(2026, 8, 1), Deregistered = null }],
        });
        population.Plant(worker.Members[0].IdNumber, p => p with { Employments = [.. p.Employments, employer with { ContributionBase = 6000m, From = new DateOnly(2026, 6, 1), To = null }] });

        var expected = new Dictionary<string, string>
        {
            [pensioner.HouseholdRef] = "reduce",
            [driver.HouseholdRef] = "exit",
            [owner.HouseholdRef] = "exit",
            [worker.HouseholdRef] = "exit",
        };
        // The reference policy, worked out independently of the hub, agrees on what each change now means.
        oracle.Expect(pensioner, AsOf).Outcome.ShouldBe("pass");
        oracle.Expect(pensioner, AsOf).PerCapitaMonthlyIncome!.Value.ShouldBeGreaterThan(before * 1.1m);
        oracle.Expect(driver, AsOf).ReasonCodes.ShouldContain("VEHICLE_OWNED");
        oracle.Expect(owner, AsOf).ReasonCodes.ShouldContain("BUSINESS_OWNED");
        oracle.Expect(worker, AsOf).ReasonCodes.ShouldContain("INCOME_ABOVE_STANDARD");
        recipients.Skip(4).ShouldAllBe(h => oracle.Expect(h, AsOf).Outcome == "pass");

        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var runId = (await (await city.PostAsJsonAsync("/api/v1/recomparisons", new { asOf = "2026-11-15" })).Content.ReadFromJsonAsync<RecomparisonAccepted>())!.RunId;
        var run = await RecomparisonTests.WaitForAsync(city, runId, RecomparisonStatus.Completed);

        run.Compared.ShouldBe(recipients.Count);
        run.Unchanged.ShouldBe(recipients.Count - expected.Count);
        run.ByKind.ShouldBe(new ChangesByKindView(Exit: 3, Reduce: 1, Increase: 0, Review: 0));
        var changes = (await city.GetFromJsonAsync<RecomparisonChangePage>($"/api/v1/recomparisons/{runId}/changes"))!;
        changes.Items.ToDictionary(c => c.Ref, c => c.Proposal).ShouldBe(expected, ignoreOrder: true);
        var cases = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.Kind == CaseKinds.Recomparison).ToListAsync());
        cases.Select(c => c.HouseholdRef).Order(StringComparer.Ordinal).ShouldBe(expected.Keys.Order(StringComparer.Ordinal));
        cases.Select(c => c.Id).Order().ShouldBe(changes.Items.Select(c => c.CaseId!.Value).Order());
        cases.ShouldAllBe(c => c.State == CaseState.AwaitingReview && c.Tier == Tier.Township, "a person signs each tier of a change");
        var reduced = (await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{changes.Items.Single(c => c.Proposal == "reduce").CaseId}"))!;
        reduced.Verification.PerCapitaMonthlyIncome.ShouldBe(oracle.Expect(pensioner, AsOf).PerCapitaMonthlyIncome);
        reduced.Confirmed!.Verification.PerCapitaMonthlyIncome.ShouldBe(before);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.CountAsync(r => r.LeftAtUtc == null))).ShouldBe(recipients.Count, "nobody leaves before the city signs");
    }
}
