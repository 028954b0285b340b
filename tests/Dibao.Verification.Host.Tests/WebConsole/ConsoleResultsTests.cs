using Dibao.Verification.Host.Tests.EndToEnd;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>A batch's results a page at a time: every household once across the pages, filtered or not.</summary>
public sealed class ConsoleResultsTests
{
    [Fact]
    public async Task The_results_show_every_household_once_fifty_a_page_and_a_filter_counts_the_whole_batch()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = Enumerable.Range(300, 55).Select(hub.Sandbox.Population.Household).ToList();
        var submitted = await hub.SubmitAsync(HouseholdBatches.Json(households, new DateOnly(2026, 11, 15)));
        var batch = await hub.WaitForCompletionAsync(submitted.Headers.Location!, TimeSpan.FromMinutes(3));
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        await session.SignInAsync("wang-01");

        var first = await session.Client.GetStringAsync($"/batches/{batch.BatchId}");
        var second = await session.Client.GetStringAsync($"/batches/{batch.BatchId}?p=2");

        first.ShouldContain("共 55 户。");
        first.ShouldContain("第 1 / 2 页");
        var shown = ConsoleTables.HouseholdRefs(first);
        shown.Count.ShouldBe(ResultsPageSize);
        var rest = ConsoleTables.HouseholdRefs(second);
        shown.Concat(rest).ShouldBe(households.Select(h => h.HouseholdRef), "in the order submitted, each once");
        var beyond = await session.Client.GetStringAsync($"/batches/{batch.BatchId}?p=9");
        beyond.ShouldContain("第 2 / 2 页");
        ConsoleTables.HouseholdRefs(beyond).ShouldBe(rest, "a page past the end shows the last");

        var outcome = batch.Households.GroupBy(h => h.Verification.Outcome).MaxBy(g => g.Count())!;
        var filtered = await session.Client.GetStringAsync($"/batches/{batch.BatchId}?outcome={outcome.Key}");
        filtered.ShouldContain($"共 {outcome.Count()} 户（全批 55 户）。");
        ConsoleTables.HouseholdRefs(filtered).ShouldBe(outcome.Select(h => h.Ref).Take(ResultsPageSize));
    }

    private const int ResultsPageSize = Host.WebConsole.Pages.Batches.ResultsModel.PageSize;
}
