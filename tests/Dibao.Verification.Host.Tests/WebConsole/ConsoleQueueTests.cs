using System.Net;
using Dibao.Verification.Host.Tests.EndToEnd;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>The work queue a page at a time: every waiting case of the tier once, across the pages, and no other.</summary>
public sealed class ConsoleQueueTests
{
    [Fact]
    public async Task The_township_queue_shows_every_waiting_case_once_twenty_a_page()
    {
        await using var hub = await RunningHub.StartAsync("Confirmation:Tiers:Township:AutoConfirm=Never");
        var households = Enumerable.Range(1, 23).Select(hub.Sandbox.Population.Household).ToList();
        var submitted = await hub.SubmitAsync(HouseholdBatches.Json(households, new DateOnly(2026, 11, 15)));
        await hub.WaitForCompletionAsync(submitted.Headers.Location!, TimeSpan.FromMinutes(3));
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        await session.SignInAsync("wang-01");

        var first = await session.Client.GetStringAsync("/cases");
        var second = await session.Client.GetStringAsync("/cases?tier=township&state=awaiting-review&p=2");

        var shown = ConsoleTables.HouseholdRefs(first);
        shown.Count.ShouldBe(20);
        first.ShouldContain("第 1 / 2 页");
        var rest = ConsoleTables.HouseholdRefs(second);
        rest.Count.ShouldBe(households.Count - 20);
        shown.Concat(rest).Order().ShouldBe(households.Select(h => h.HouseholdRef).Order());

        using var neighbour = new ConsoleSession(anonymous.BaseAddress!);
        await neighbour.SignInAsync("liu-02");
        var foreign = await neighbour.Client.GetAsync("/cases");
        foreign.StatusCode.ShouldBe(HttpStatusCode.OK);
        ConsoleTables.HouseholdRefs(await foreign.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }
}
