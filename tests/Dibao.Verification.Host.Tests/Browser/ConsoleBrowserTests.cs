using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Reports;
using Dibao.Verification.Sandbox.Population;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReasonNames = Dibao.Verification.Host.Verification.ReasonNames;
using static Microsoft.Playwright.Assertions;

namespace Dibao.Verification.Host.Tests.Browser;

/// <summary>
/// The console in chromium, as caseworkers and reviewers use it: each person signs in on the demo page in a browser context
/// of their own, on a hub started as a user runs it. Screenshots of the main pages are kept in <see cref="Chromium.Screenshots"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleBrowserTests(Chromium chromium)
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    private static readonly string[] EveryTierReviews =
    [
        "Confirmation:Tiers:Township:AutoConfirm=Never",
        "Confirmation:Tiers:County:AutoConfirm=Never",
        "Confirmation:Tiers:City:AutoConfirm=Never",
    ];

    /// <summary>A batch of a few households settles in seconds; the machine is shared, so the bound is generous.</summary>
    private static readonly TimeSpan Verification = TimeSpan.FromMinutes(3);

    [ChromiumFact]
    public async Task A_caseworker_signs_in_uploads_a_CSV_and_watches_the_progress_reach_the_end()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = Enumerable.Range(1, 6).Select(hub.Sandbox.Population.Household).ToList();
        var page = await OpenAsync(hub);

        await page.GotoAsync("/batches/new");
        await Expect(page).ToHaveURLAsync(SignInPage());
        await Chromium.ScreenshotAsync(page, "sign-in");
        await page.GetByTestId("demo-wang-01").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/batches/new$"));

        // An .xlsx whose fourth row has a broken identity number: refused whole, the row shown as the spreadsheet numbers it.
        var rows = Rows(households).ToList();
        rows[3] = [.. rows[3].Select((cell, i) => i == 2 ? "22010519" : cell)];
        await UploadAsync(page, "申请名单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XlsxWorkbook.Of(rows));
        var refused = page.GetByTestId("upload-problems").Locator("tbody tr");
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(refused).ToContainTextAsync("第 4 行");
        await Expect(refused.Locator("td.bad")).ToHaveTextAsync("22010519");
        await Expect(page.GetByTestId("upload-error")).ToContainTextAsync("整批未保存");
        await Chromium.ScreenshotAsync(page, "upload-refused");
        (await hub.QueryDatabaseAsync(db => Task.FromResult(db.Batches.Count()))).ShouldBe(0);

        await UploadAsync(page, "申请名单.csv", "text/csv", Encoding.UTF8.GetBytes(HouseholdBatches.Csv(households)));
        await Expect(page).ToHaveURLAsync(new Regex("/batches/[0-9a-f-]{36}/progress$"));
        await Expect(page.GetByTestId("progress-text")).ToContainTextAsync($"核对完成：{households.Count} / {households.Count}", new() { Timeout = (float)Verification.TotalMilliseconds });
        (await page.Locator("#progress-bar").GetAttributeAsync("value")).ShouldBe(households.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Chromium.ScreenshotAsync(page, "progress");

        await page.GetByRole(AriaRole.Link, new() { Name = "查看核对结果" }).ClickAsync();
        var results = page.GetByTestId("results").Locator("tbody tr");
        await Expect(results).ToHaveCountAsync(households.Count);
        var batchId = Guid.Parse(BatchIdInUrl().Match(page.Url).Groups[1].Value);
        var batch = await hub.Client.GetFromJsonAsync<BatchView>($"/api/v1/batches/{batchId}");
        foreach (var household in batch!.Households)
        {
            var row = results.Filter(new() { HasText = household.Ref });
            await Expect(row.Locator("span.outcome")).ToHaveTextAsync(Chinese(household.Verification.Outcome));
            foreach (var reason in household.Verification.Reasons)
            {
                await Expect(row).ToContainTextAsync(reason.Message);
            }
        }

        await Chromium.ScreenshotAsync(page, "results");

        // Filtering by outcome keeps only those households.
        var outcome = batch.Households[0].Verification.Outcome;
        await page.Locator("select[name=outcome]").SelectOptionAsync(outcome);
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(results).ToHaveCountAsync(batch.Households.Count(h => h.Verification.Outcome == outcome));

        // Signed out, the pages ask for a sign-in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        await page.GotoAsync($"/batches/{batchId}");
        await Expect(page).ToHaveURLAsync(SignInPage());
    }

    [ChromiumFact]
    public async Task A_case_is_confirmed_through_the_three_tiers_by_three_users()
    {
        await using var hub = await RunningHub.StartAsync(EveryTierReviews);
        var batch = await SubmitAsync(hub, Enumerable.Range(1, 8).Select(hub.Sandbox.Population.Household));
        var household = batch.Households.First(h => h.Verification.Outcome is "pass" or "fail");
        var caseId = household.CaseId!.Value;

        var township = await SignInAsync(hub, "wang-01", "/cases");
        await OpenFromQueueAsync(township, household.Ref);
        await Chromium.ScreenshotAsync(township, "case-township");
        await township.GetByTestId("confirm").ClickAsync();
        await Expect(township.GetByTestId("case-status")).ToContainTextAsync("县级初核 · 待审核");

        var county = await SignInAsync(hub, "zhao-county", "/cases");
        await Chromium.ScreenshotAsync(county, "queue-county");
        await OpenFromQueueAsync(county, household.Ref);
        await county.GetByTestId("confirm").ClickAsync();
        await Expect(county.GetByTestId("case-status")).ToContainTextAsync("市级终核 · 待审核");

        var city = await SignInAsync(hub, "chen-city", "/cases");
        await OpenFromQueueAsync(city, household.Ref);
        await Expect(city.GetByTestId("evidence")).ToBeVisibleAsync();
        await city.GetByTestId("confirm").ClickAsync();
        await Expect(city.GetByTestId("case-status")).ToContainTextAsync("已确认");
        await Expect(city.GetByTestId("actions")).ToHaveCountAsync(0);
        await Chromium.ScreenshotAsync(city, "case-confirmed");

        var view = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        view.GetProperty("state").GetString().ShouldBe("confirmed");
        view.GetProperty("history").EnumerateArray().Where(s => s.GetProperty("action").GetString() == "confirm")
            .Select(s => (s.GetProperty("tier").GetString(), s.GetProperty("by").GetString()))
            .ShouldBe([("township", "wang-01"), ("county", "zhao-county"), ("city", "chen-city")]);
    }

    [ChromiumFact]
    public async Task A_case_returned_to_the_township_is_corrected_and_verified_again()
    {
        await using var hub = await RunningHub.StartAsync(EveryTierReviews);
        var full = Enumerable.Range(1, 12).Select(hub.Sandbox.Population.Household).First(h => h.Members.Count >= 2);
        var forgotten = full.Members[^1];
        var batch = await SubmitAsync(hub, [full with { Members = [.. full.Members.SkipLast(1)] }]);
        var caseId = batch.Households.Single().CaseId!.Value;
        var confirmed = await hub.ClientAs(HubRoles.TownshipCaseworker, RunningHub.Township, "wang-01")
            .PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" });
        confirmed.IsSuccessStatusCode.ShouldBeTrue(await confirmed.Content.ReadAsStringAsync());

        var county = await SignInAsync(hub, "zhao-county", $"/cases/{caseId}");
        await county.GetByTestId("return-reason").FillAsync("户籍登记显示家中还有一名成员未申报，请乡镇补充后重新核对");
        await county.GetByTestId("return").ClickAsync();
        await Expect(county.GetByTestId("case-status")).ToContainTextAsync("乡镇审核 · 已退回");

        var township = await SignInAsync(hub, "wang-01", "/cases?state=returned");
        await OpenFromQueueAsync(township, full.HouseholdRef);
        await township.GetByTestId("correct").ClickAsync();
        var line = full.Members.Count - 1;

        // A wrong number is refused beside its line, and nothing changes.
        await township.GetByTestId($"member-{line}-id").FillAsync("220105");
        await township.GetByTestId($"member-{line}-name").FillAsync(forgotten.Name);
        await township.Locator($"select[name='Members[{line}].Relation']").SelectOptionAsync(forgotten.Relation.ToString().ToLowerInvariant());
        await township.GetByTestId("correction-reason").FillAsync("补充漏报的家庭成员");
        await township.Locator("input[name=ConsentRef]").FillAsync(full.ConsentRef + "-2");
        await township.GetByTestId("submit-correction").ClickAsync();
        await Expect(township.GetByTestId("refusal")).ToBeVisibleAsync();
        await Expect(township.Locator("tr.bad")).ToHaveCountAsync(1);
        await Expect(township.Locator("tr.bad input[name$='.Name']")).ToHaveValueAsync(forgotten.Name);
        await Expect(township.Locator("tr.bad")).ToContainTextAsync("身份证");
        await Chromium.ScreenshotAsync(township, "correction-refused");

        await township.GetByTestId($"member-{line}-id").FillAsync(forgotten.IdNumber);
        await township.GetByTestId("submit-correction").ClickAsync();
        await Expect(township).ToHaveURLAsync(new Regex($"/cases/{caseId}\\?done=correction$"));
        await Expect(township.GetByTestId("history")).ToContainTextAsync("更正成员");

        // The new round settles and the case waits for the township again, the added member asked about like the others.
        var deadline = DateTime.UtcNow + Verification;
        while (!(await township.GetByTestId("case-status").TextContentAsync())!.Contains("乡镇审核 · 待审核", StringComparison.Ordinal))
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("the corrected household did not settle again");
            await Task.Delay(500);
            await township.ReloadAsync();
        }

        await Expect(township.GetByTestId("evidence")).ToContainTextAsync(forgotten.Name);
        await Chromium.ScreenshotAsync(township, "case-corrected");
        var view = await hub.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        view.GetProperty("round").GetInt32().ShouldBe(2);
        view.GetProperty("rounds")[1].GetProperty("cause").GetString().ShouldBe("correction");
    }

    [ChromiumFact]
    public async Task The_county_downloads_the_report_from_the_case_page_and_reads_the_result_and_the_township_signature()
    {
        await using var hub = await RunningHub.StartAsync(EveryTierReviews);
        var batch = await SubmitAsync(hub, Enumerable.Range(1, 8).Select(hub.Sandbox.Population.Household));
        var household = batch.Households.First(h => h.Verification.Outcome is "pass" or "fail");
        var members = await hub.QueryDatabaseAsync(db => db.Members
            .Where(m => db.Cases.Any(c => c.Id == household.CaseId && c.HouseholdId == m.HouseholdId))
            .Select(m => m.IdNumber).ToListAsync());
        var township = await SignInAsync(hub, "wang-01", $"/cases/{household.CaseId}");
        await township.GetByTestId("confirm").ClickAsync();
        await Expect(township.GetByTestId("case-status")).ToContainTextAsync("县级初核 · 待审核");

        var county = await SignInAsync(hub, "zhao-county", $"/cases/{household.CaseId}");
        var download = await county.RunAndWaitForDownloadAsync(() => county.GetByTestId("report-link").ClickAsync());
        download.SuggestedFilename.ShouldBe($"核对报告-{household.Ref}.pdf");
        var text = await PdfToText.ExtractAsync(await File.ReadAllBytesAsync(await download.PathAsync()));

        text.ShouldContain("核对报告");
        text.ShouldContain(household.Ref);
        text.ShouldContain(Chinese(household.Verification.Outcome));
        foreach (var reason in household.Verification.Reasons)
        {
            text.ShouldContain(ReasonNames.Of(reason.Code));
        }

        // The county holds the case now, so its copy shows the members' numbers whole, and the township's signature.
        members.ShouldNotBeEmpty();
        foreach (var idNumber in members)
        {
            text.ShouldContain(idNumber);
        }

        text.ShouldContain("wang-01");
    }

    [ChromiumFact]
    public async Task A_decision_on_a_case_changed_meanwhile_is_explained_in_plain_words()
    {
        await using var hub = await RunningHub.StartAsync(EveryTierReviews);
        var batch = await SubmitAsync(hub, Enumerable.Range(1, 8).Select(hub.Sandbox.Population.Household));
        var household = batch.Households.First(h => h.Verification.Outcome is "pass" or "fail");
        var page = await SignInAsync(hub, "wang-01", $"/cases/{household.CaseId}");

        var colleague = await hub.ClientAs(HubRoles.TownshipCaseworker, RunningHub.Township, "township-02")
            .PostAsJsonAsync($"/api/v1/cases/{household.CaseId}/decisions", new { action = "confirm" });
        colleague.IsSuccessStatusCode.ShouldBeTrue(await colleague.Content.ReadAsStringAsync());

        await page.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByTestId("refusal")).ToContainTextAsync("已有其他人处理了它");
        await page.GetByTestId("back-to-case").ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToContainTextAsync("县级初核 · 待审核");
        await Expect(page.GetByTestId("actions")).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenAsync(RunningHub hub)
    {
        using var client = hub.Anonymous();
        return await chromium.OpenAsync(client.BaseAddress!.ToString());
    }

    /// <summary>A person of <see cref="WebConsole.DemoUsers"/> asks for a page, is sent to sign in, and comes back to it.</summary>
    private async Task<IPage> SignInAsync(RunningHub hub, string user, string path)
    {
        var page = await OpenAsync(hub);
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(SignInPage());
        await page.GetByTestId("demo-" + user).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(user);
        return page;
    }

    private static async Task OpenFromQueueAsync(IPage page, string householdRef)
    {
        await page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = householdRef }).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"案件 {householdRef}");
    }

    private static async Task UploadAsync(IPage page, string name, string mimeType, byte[] content)
    {
        await page.Locator("input[name=Upload]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并开始核对" }).ClickAsync();
    }

    private static async Task<BatchView> SubmitAsync(RunningHub hub, IEnumerable<SyntheticHousehold> households)
    {
        var response = await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return await hub.WaitForCompletionAsync(response.Headers.Location!, Verification);
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<SyntheticHousehold> households) =>
        HouseholdBatches.Csv(households).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => (IReadOnlyList<string>)line.Split(','));

    /// <summary>The outcome as the console words it, written out here rather than read from the hub.</summary>
    private static string Chinese(string outcome) => outcome switch
    {
        "pass" => "通过",
        "fail" => "不通过",
        "review" => "待复核",
        "incomplete" => "不完整",
        _ => throw new ShouldAssertException($"The test does not know the outcome {outcome}"),
    };

    private static Regex SignInPage() => new("/sign-in\\?returnUrl=");

    [GeneratedRegex("/batches/([0-9a-f-]{36})")]
    private static partial Regex BatchIdInUrl();
}
