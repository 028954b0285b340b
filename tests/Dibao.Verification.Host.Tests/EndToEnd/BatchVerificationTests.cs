using System.Net;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>The whole path: HTTP → database → bus → adapters → simulators → policy → stored result.</summary>
public sealed class BatchVerificationTests
{
    internal static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task Every_household_gets_the_outcome_income_and_reasons_the_policy_gives_its_agency_records()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 100).Take(120).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);
        view.Households.Select(h => h.Ref).ShouldBe(households.Select(h => h.HouseholdRef));
        ShouldMatchPolicy(hub.Oracle, households, view);

        // A sample that only passed or only failed would prove little.
        view.Households.Select(h => h.Verification.Outcome).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        var income = view.Households.SelectMany(h => h.Verification.Reasons).First(r => r.Code == ReasonCodes.IncomeAboveStandard);
        income.Limit.ShouldBe(PolicyOracle.Standard);
        income.Actual!.Value.ShouldBeGreaterThan(PolicyOracle.Standard);
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
        answers.GroupBy(a => a.MemberId).Count().ShouldBe(members);
        answers.Select(a => a.Source.Split(':')[0]).Distinct().Order().ShouldBe(hub.Agencies.Order());
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
        string[] settings =
        [
            "Verification:PersonsPerQuery=5",
            .. new[] { "social-security", "housing-fund", "tax", "business-registry", "vehicle", "bank" }.Select(a => $"Sandbox:Faults:{a}:TransientRate=0.3"),
            .. new[] { "SocialSecurity", "HousingFund", "Tax", "BusinessRegistry", "Vehicle", "Bank" }.SelectMany(s => new[]
            {
                $"Agencies:{s}:RetryBaseDelay=00:00:00.05",
                $"Agencies:{s}:CircuitBreakerBreakDuration=00:00:01",
            }),

            "Sandbox:Faults:vehicle:AgencyErrorRate=0.2",

            // Production waits seconds to minutes between polls of a bank; here a second at most keeps the test short.
            "Agencies:Bank:PollInterval=00:00:00.2",
            "Agencies:Bank:MaxPollInterval=00:00:01",
        ];
        await using var hub = await RunningHub.StartAsync(settings);
        var households = hub.Sandbox.Population.Households(start: 500).Take(40).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);

        ShouldMatchPolicy(hub.Oracle, households, view);
        var queries = await hub.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().ToListAsync());
        queries.ShouldAllBe(q => q.AnsweredAtUtc != null);
        queries.Sum(q => q.Attempts ?? 0).ShouldBeGreaterThan(queries.Count, "a 30 % fault rate must have cost retries");
    }

    [Fact]
    public async Task A_batch_with_more_questions_than_may_be_out_at_once_asks_each_source_one_question_after_another()
    {
        await using var hub = await RunningHub.StartAsync("Verification:PersonsPerQuery=3", "Verification:MaxQueriesInFlight=1");
        var households = hub.Sandbox.Population.Households(start: 700).Take(12).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);

        ShouldMatchPolicy(hub.Oracle, households, view);
        var queries = await hub.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking().ToListAsync());
        foreach (var source in queries.GroupBy(q => q.Agency))
        {
            var inOrder = source.OrderBy(q => q.SentAtUtc).ToList();
            inOrder.Count.ShouldBeGreaterThan(1, source.Key);
            inOrder.Select(q => q.Ordinal).ShouldBe(inOrder.Select(q => q.Ordinal).Order(), $"{source.Key}: asked in the order planned");
            foreach (var (earlier, next) in inOrder.Zip(inOrder.Skip(1)))
            {
                next.SentAtUtc!.Value.ShouldBeGreaterThanOrEqualTo(earlier.AnsweredAtUtc!.Value, $"{source.Key}: one question out at a time");
            }
        }
    }

    [Fact]
    public async Task An_agency_down_past_its_deadline_leaves_no_household_passed_and_names_the_agency()
    {
        await using var hub = await RunningHub.StartAsync(
            "Sandbox:Faults:housing-fund:Outage=true",
            "Verification:Deadlines:housing-fund=00:00:04");
        var households = hub.Sandbox.Population.Households(start: 700).Take(30).ToList();

        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);

        view.Households.ShouldNotContain(h => h.Verification.Outcome == "pass");
        foreach (var (household, actual) in households.Zip(view.Households))
        {
            var expected = hub.Oracle.Expect(household, AsOf, down: "housing-fund");
            actual.Verification.Outcome.ShouldBe(expected.Outcome, household.HouseholdRef);
            Codes(actual).ShouldBe(string.Join(",", expected.ReasonCodes), household.HouseholdRef);
            var unavailable = actual.Verification.Reasons.Where(r => r.Code == ReasonCodes.AgencyUnavailable).ToList();
            unavailable.Select(r => r.IdNumber).Order().ShouldBe(household.Members.Select(m => m.IdNumber).Order(), household.HouseholdRef);
            unavailable.ShouldAllBe(r => r.Agency == "housing-fund" && r.Severity == "incomplete");
        }

        view.Households.ShouldContain(h => h.Verification.Outcome == "incomplete");
    }

    [Fact]
    public async Task Questions_lost_with_a_stopped_process_are_asked_again_after_restart_and_nothing_is_counted_twice()
    {
        var first = await RunningHub.StartAsync("Sandbox:Faults:housing-fund:Outage=true", "Verification:Deadlines:housing-fund=00:10:00");
        var households = first.Sandbox.Population.Households(start: 900).Take(15).ToList();
        var response = await first.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        var location = response.Headers.Location!;
        await WaitUntilAsync(async () => await first.QueryDatabaseAsync(db =>
            db.AgencyQueries.AnyAsync(q => q.Agency == "social-security" && q.AnsweredAtUtc != null)));

        await using var second = await first.RestartAsync();
        var view = await second.WaitForCompletionAsync(location);

        ShouldMatchPolicy(second.Oracle, households, view);
        var answers = await second.QueryDatabaseAsync(db => db.AgencyAnswers.AsNoTracking().ToListAsync());
        answers.GroupBy(a => (a.MemberId, a.Source)).ShouldAllBe(g => g.Count() == 1);
        answers.ShouldAllBe(a => a.State == AnswerState.Answered);
        second.Sandbox.RequestCount("social-security").ShouldBe(0, "social security had answered before the restart");
        second.Sandbox.RequestCount("housing-fund").ShouldBeGreaterThan(0);
    }

    internal static void ShouldMatchPolicy(PolicyOracle oracle, IReadOnlyList<SyntheticHousehold> households, BatchView view)
    {
        foreach (var (household, actual) in households.Zip(view.Households))
        {
            var expected = oracle.Expect(household, AsOf);
            actual.Verification.Outcome.ShouldBe(expected.Outcome, household.HouseholdRef);
            actual.Verification.PerCapitaMonthlyIncome.ShouldBe(expected.PerCapitaMonthlyIncome, household.HouseholdRef);
            Codes(actual).ShouldBe(string.Join(",", expected.ReasonCodes), household.HouseholdRef);
        }
    }

    private static string Codes(HouseholdView household) =>
        string.Join(",", household.Verification.Reasons.Select(r => r.Code).Order(StringComparer.Ordinal));

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
