using System.Net;
using System.Net.Http.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Recomparison;
using Dibao.Verification.Host.WebConsole;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>
/// A re-comparison case's page shows what its change is measured against, as the case view gives it: the evaluation the
/// household was last confirmed on, an imported household's baseline with its run, or that it has none yet.
/// </summary>
public sealed class ConsoleRecomparisonCaseTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task The_case_page_shows_the_confirmed_result_or_the_imported_household_s_baseline_the_change_is_measured_against()
    {
        await using var hub = await RunningHub.StartAsync();
        var oracle = hub.Oracle;
        bool Passes(SyntheticHousehold h) => oracle.Expect(h, AsOf) is { Outcome: "pass", ReasonCodes.Count: 0, PerCapitaMonthlyIncome: > 0 };
        var applied = hub.Sandbox.Population.Households(start: 300).First(Passes);
        var imported = hub.Sandbox.Population.Households(start: 300).Where(h => h.HouseholdRef != applied.HouseholdRef).First(Passes);
        var failing = hub.Sandbox.Population.Households(start: 2000)
            .First(h => oracle.Expect(h, AsOf) is { Outcome: "fail" } e && e.ReasonCodes.All(c => c is "INCOME_ABOVE_STANDARD" or "VEHICLE_OWNED" or "BUSINESS_OWNED"));
        await hub.WaitForCompletionAsync((await hub.SubmitAsync(HouseholdBatches.Json([applied], AsOf))).Headers.Location!);
        (await hub.Client.PostAsync("/api/v1/roll/imports", RecomparisonTests.Import([imported, failing]))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The first night: the applied household was confirmed on half of what it earns now; the imported one that
        // passes takes its baseline; the failing one has none to be measured from.
        await RecomparisonTests.PlantConfirmedIncomeAsync(hub, applied, 0.5m);
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        var first = await RecomparisonTests.RunAsync(city);
        first.ByKind.ShouldBe(new ChangesByKindView(Exit: 1, Reduce: 1, Increase: 0, Review: 0));

        // The second night measures the imported household from a baseline planted at half of what it earns now.
        var found = oracle.Expect(imported, AsOf).PerCapitaMonthlyIncome!.Value;
        var baseline = Math.Round(found / 2, 2);
        (await hub.QueryDatabaseAsync(db => db.RollHouseholds.Where(r => r.Ref == imported.HouseholdRef && r.LeftAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BaselinePerCapitaMonthlyIncome, baseline)))).ShouldBe(1);
        var second = await RecomparisonTests.RunAsync(city);
        second.ByKind.Reduce.ShouldBe(2, "the applied household's case is still open: counted, not raised again");

        var cases = await hub.QueryDatabaseAsync(db => db.Cases.AsNoTracking()
            .Where(c => c.Kind == CaseKinds.Recomparison).ToDictionaryAsync(c => c.HouseholdRef, c => c.Id));
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        (await session.SignInAsync("wang-01")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var confirmedPage = await session.Client.GetStringAsync($"/cases/{cases[applied.HouseholdRef]}");
        var confirmedView = (await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{cases[applied.HouseholdRef]}"))!;
        var confirmedIncome = confirmedView.Confirmed!.Verification.PerCapitaMonthlyIncome;
        confirmedPage.ShouldContain("比对基准：上次确认的核对结果");
        confirmedPage.ShouldContain("<th>上次确认</th>");
        confirmedPage.ShouldContain($"<td class=\"num\">{ConsoleText.Yuan(confirmedIncome)}</td>");
        confirmedPage.ShouldContain($"<td class=\"num\">{ConsoleText.Yuan(confirmedView.Verification.PerCapitaMonthlyIncome - confirmedIncome)}</td>");

        var baselinePage = await session.Client.GetStringAsync($"/cases/{cases[imported.HouseholdRef]}");
        baselinePage.ShouldContain("比对基准：导入家庭的收入基准");
        baselinePage.ShouldContain($"<th>收入基准</th><td class=\"num\">{ConsoleText.Yuan(baseline)}</td><td>复核比对 <code>{first.RunId}</code></td>");
        baselinePage.ShouldContain($"<th>本次核对</th><td class=\"num\">{ConsoleText.Yuan(found)}</td>");

        var exitPage = await session.Client.GetStringAsync($"/cases/{cases[failing.HouseholdRef]}");
        exitPage.ShouldContain("尚无收入基准");
        exitPage.ShouldNotContain("比对基准：导入家庭的收入基准");
    }
}
