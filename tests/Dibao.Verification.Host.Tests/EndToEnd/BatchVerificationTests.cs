using System.Net;
using Dibao.Verification.Domain.Policy;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>The whole path: HTTP → database → bus → adapters → simulators → policy → stored result.</summary>
public sealed class BatchVerificationTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task Every_household_gets_the_outcome_and_income_the_policy_gives_its_agency_records()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 100).Take(60).ToList();
        var oracle = new IncomeOracle(hub.Sandbox.Population);

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);
        view.Households.Select(h => h.Ref).ShouldBe(households.Select(h => h.HouseholdRef));
        foreach (var (expected, actual) in households.Zip(view.Households))
        {
            var income = oracle.PerCapitaMonthlyIncome(expected, AsOf);
            actual.Verification.PerCapitaMonthlyIncome.ShouldBe(income, expected.HouseholdRef);
            actual.Verification.Outcome.ShouldBe(oracle.Outcome(expected, AsOf), expected.HouseholdRef);
            if (actual.Verification.Outcome == "fail")
            {
                var reason = actual.Verification.Reasons.ShouldHaveSingleItem();
                reason.Code.ShouldBe(ReasonCodes.IncomeAboveStandard);
                reason.Actual.ShouldBe(income);
                reason.Limit.ShouldBe(IncomeOracle.Standard);
            }
        }

        // A sample that only passed or only failed would prove little.
        view.Households.Select(h => h.Verification.Outcome).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task What_each_agency_said_about_each_member_is_stored_to_explain_the_result()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 300).Take(20).ToList();
        var members = households.Sum(h => h.Members.Count);

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        await hub.WaitForCompletionAsync(response.Headers.Location!);

        var answers = await hub.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        answers.Count.ShouldBe(members * 2);
        answers.GroupBy(a => a.Source).Select(g => g.Key).Order().ShouldBe(["housing-fund", "social-security"]);
        answers.ShouldAllBe(a => a.State == AnswerState.Answered && a.AnsweredAtUtc != null);
        var withRecords = answers.Where(a => a.Kind == Contracts.V1.FindingKind.RecordsFound).ToList();
        withRecords.ShouldNotBeEmpty();
        withRecords.ShouldAllBe(a => a.FactsJson != null);

        // The bulk endpoints carry a batch this size in one request per agency.
        hub.Sandbox.RequestCount("social-security").ShouldBe(1);
        hub.Sandbox.RequestCount("housing-fund").ShouldBe(1);
    }

    [Fact]
    public async Task Transient_agency_faults_are_retried_and_change_no_outcome()
    {
        await using var hub = await RunningHub.StartAsync(
            "Verification:PersonsPerQuery=5",
            "Sandbox:Faults:social-security:TransientRate=0.3",
            "Sandbox:Faults:housing-fund:TransientRate=0.3",
            "Agencies:SocialSecurity:RetryBaseDelay=00:00:00.05",
            "Agencies:HousingFund:RetryBaseDelay=00:00:00.05");
        var households = hub.Sandbox.Population.Households(start: 500).Take(40).ToList();
        var oracle = new IncomeOracle(hub.Sandbox.Population);

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);

        foreach (var (expected, actual) in households.Zip(view.Households))
        {
            actual.Verification.Outcome.ShouldBe(oracle.Outcome(expected, AsOf), expected.HouseholdRef);
            actual.Verification.PerCapitaMonthlyIncome.ShouldBe(oracle.PerCapitaMonthlyIncome(expected, AsOf), expected.HouseholdRef);
        }

        var queries = await hub.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().ToListAsync());
        queries.ShouldAllBe(q => q.AnsweredAtUtc != null);
        queries.Sum(q => q.Attempts ?? 0).ShouldBeGreaterThan(queries.Count, "a 30 % fault rate must have cost retries");
    }

    [Fact]
    public async Task An_agency_down_past_its_deadline_leaves_no_household_passed_and_names_the_agency()
    {
        await using var hub = await RunningHub.StartAsync(
            "Sandbox:Faults:housing-fund:Outage=true",
            "Agencies:HousingFund:Deadline=00:00:04");
        var households = hub.Sandbox.Population.Households(start: 700).Take(30).ToList();
        var oracle = new IncomeOracle(hub.Sandbox.Population);

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);

        view.Households.ShouldNotContain(h => h.Verification.Outcome == "pass");
        foreach (var (expected, actual) in households.Zip(view.Households))
        {
            var unavailable = actual.Verification.Reasons.Where(r => r.Code == ReasonCodes.AgencyUnavailable).ToList();
            unavailable.Select(r => r.IdNumber).Order().ShouldBe(expected.Members.Select(m => m.IdNumber).Order(), expected.HouseholdRef);
            unavailable.ShouldAllBe(r => r.Agency == "housing-fund" && r.Severity == "incomplete");

            // Social security alone can prove income too high: the household fails on what is known.
            var knownIncome = oracle.PerCapitaMonthlyIncome(expected, AsOf, withHousingFund: false);
            actual.Verification.Outcome.ShouldBe(knownIncome > IncomeOracle.Standard ? "fail" : "incomplete", expected.HouseholdRef);
        }

        view.Households.ShouldContain(h => h.Verification.Outcome == "incomplete");
    }

    [Fact]
    public async Task Questions_lost_with_a_stopped_process_are_asked_again_after_restart_and_nothing_is_counted_twice()
    {
        var first = await RunningHub.StartAsync("Sandbox:Faults:housing-fund:Outage=true", "Agencies:HousingFund:Deadline=00:10:00");
        var households = first.Sandbox.Population.Households(start: 900).Take(15).ToList();
        var response = await first.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var location = response.Headers.Location!;
        await WaitUntilAsync(async () => await first.QueryDatabaseAsync(db =>
            db.AgencyQueries.AnyAsync(q => q.Agency == "social-security" && q.AnsweredAtUtc != null)));

        await using var second = await first.RestartAsync();
        var view = await second.WaitForCompletionAsync(location);

        var oracle = new IncomeOracle(second.Sandbox.Population);
        foreach (var (expected, actual) in households.Zip(view.Households))
        {
            actual.Verification.Outcome.ShouldBe(oracle.Outcome(expected, AsOf), expected.HouseholdRef);
        }

        var answers = await second.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        answers.Count.ShouldBe(households.Sum(h => h.Members.Count) * 2);
        answers.ShouldAllBe(a => a.State == AnswerState.Answered);
        second.Sandbox.RequestCount("social-security").ShouldBe(0, "social security had answered before the restart");
        second.Sandbox.RequestCount("housing-fund").ShouldBeGreaterThan(0);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition never held.");
            }

            await Task.Delay(100);
        }
    }
}
