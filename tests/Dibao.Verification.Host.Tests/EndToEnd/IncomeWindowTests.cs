using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// A policy file with a longer income window loaded while the tax bureau's answers are awaited: the questions asked for
/// twelve months, the answers arrive under a policy that averages over 24. Divided by 24, twelve months of wages passed a
/// household that earns more than the standard.
/// </summary>
public sealed class IncomeWindowTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task Tax_answers_asked_for_a_shorter_window_than_a_policy_loaded_meanwhile_do_not_pass_the_household_and_a_return_asks_again()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(policy, """
            { "name": "二十四个月", "defaults": { "incomeLookbackMonths": 24, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false },
              "jurisdictions": { "2201": { "monthlyStandard": 800.00 }, "220183": { "monthlyStandard": 600.00 } } }
            """);
        string[] settings = [RunningHub.SandboxOnAsOfDay, "Confirmation:Tiers:Township:AutoConfirm=Never", "Verification:Deadlines:tax=01:00:00"];
        try
        {
            var first = await RunningHub.StartAsync([.. settings, "Sandbox:Faults:tax:Outage=true"]);
            var oracle = first.Oracle;
            // Above the standard over twelve months; the sandbox's bureau holds twelve months of wages, so over 24 it passes.
            var household = first.Sandbox.Population.Households(start: 2800).First(h =>
                oracle.Expect(h, AsOf) is { Outcome: "fail", ReasonCodes: [ReasonCodes.IncomeAboveStandard] }
                && oracle.Expect(h, AsOf, lookbackMonths: 24) is { Outcome: "pass", ReasonCodes.Count: 0 });
            var location = (await first.SubmitAsync(HouseholdBatches.Json([household], AsOf))).Headers.Location!;
            await WaitUntilOnlyTaxIsAwaitedAsync(first);

            await using var hub = await first.RestartAsync([.. settings, $"Policy:Path={policy}"]);

            var settled = (await hub.WaitForCompletionAsync(location)).Households.Single();
            settled.Verification.Outcome.ShouldBe("incomplete", "twelve months of wages divided by 24 would pass it");
            settled.Verification.PerCapitaMonthlyIncome.ShouldBeNull();
            settled.Verification.PolicyName.ShouldBe("二十四个月");
            var window = settled.Verification.Reasons.Where(r => r.Code == ReasonCodes.IncomeWindowNotCovered).ToList();
            window.Select(r => r.IdNumber).ShouldBe(household.Members.Select(m => m.IdNumber), ignoreOrder: true);
            window.ShouldAllBe(r => r.Agency == AgencyCodes.Tax && r.Severity == "incomplete" && r.Message.Contains("税务部门"));
            settled.Verification.Reasons.ShouldNotContain(r => r.Code == ReasonCodes.IncomeAboveStandard);
            var (tax, socialSecurity) = (hub.Sandbox.RequestCount(AgencyCodes.Tax), hub.Sandbox.RequestCount(AgencyCodes.SocialSecurity));

            var returned = await hub.Client.PostAsJsonAsync(
                $"/api/v1/cases/{settled.CaseId}/decisions", new { action = "return", reason = "税务部门按旧的收入期间答复，重新核对" });

            returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
            var view = await WaitForRoundAsync(hub, settled.CaseId!.Value, 2);
            view.Verification.Outcome.ShouldBe(oracle.Expect(household, AsOf, lookbackMonths: 24).Outcome);
            view.Verification.Reasons.ShouldNotContain(r => r.Code == ReasonCodes.IncomeWindowNotCovered);
            hub.Sandbox.RequestCount(AgencyCodes.Tax).ShouldBeGreaterThan(tax, "the tax bureau is asked again, for the policy's window");
            hub.Sandbox.RequestCount(AgencyCodes.SocialSecurity).ShouldBe(socialSecurity, "social security had answered");
            var asked = await hub.QueryDatabaseAsync(db => db.AgencyQueries.AsNoTracking()
                .Where(q => q.Agency == AgencyCodes.Tax)
                .OrderBy(q => q.PlannedAtUtc)
                .Select(q => new { q.IncomeFromMonth, q.IncomeToMonth })
                .ToListAsync());
            asked.Select(q => (q.IncomeFromMonth, q.IncomeToMonth)).ShouldBe(
            [
                (new DateOnly(2025, 11, 1), new DateOnly(2026, 10, 1)),
                (new DateOnly(2024, 11, 1), new DateOnly(2026, 10, 1)),
            ]);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    /// <summary>Every other agency has answered and the tax bureau's question is out, unanswered.</summary>
    private static async Task WaitUntilOnlyTaxIsAwaitedAsync(RunningHub hub)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await hub.QueryDatabaseAsync(async db =>
            await db.AgencyQueries.AnyAsync(q => q.Agency == AgencyCodes.Tax && q.SentAtUtc != null && q.AnsweredAtUtc == null)
            && !await db.AgencyAnswers.AnyAsync(a => a.Source != AgencyCodes.Tax && a.State == AnswerState.Awaited)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the other agencies never answered");
            await Task.Delay(100);
        }
    }

    private static async Task<CaseView> WaitForRoundAsync(RunningHub hub, Guid caseId, int round)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = await hub.Client.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}") ?? throw new InvalidOperationException("No case.");
            if (view.Round == round && view.State != "verifying")
            {
                return view;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"case {view.State} in round {view.Round}");
            await Task.Delay(100);
        }
    }
}
