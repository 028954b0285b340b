using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dibao.Verification.Host.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>The upload form sent again, by a second click or the browser's resending, opens the batch it made the first time.</summary>
public sealed partial class ConsoleUploadTests
{
    [Fact]
    public async Task The_upload_form_sent_twice_makes_one_batch_and_sent_with_another_file_stores_nothing()
    {
        await using var hub = await RunningHub.StartAsync();
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        await session.SignInAsync("wang-01");
        var token = await session.TokenAsync("/batches/new");
        var key = Key(await session.Client.GetStringAsync("/batches/new"));
        var file = HouseholdBatches.Csv(hub.Sandbox.Population.Households(start: 800).Take(2));

        using var first = await UploadAsync(session, token, key, file);
        using var again = await UploadAsync(session, token, key, file);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldEndWith("/progress");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(1);

        using var other = await UploadAsync(session, token, key, HouseholdBatches.Csv(hub.Sandbox.Population.Households(start: 810).Take(2)));

        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await other.Content.ReadAsStringAsync();
        page.ShouldContain("这个上传表单已提交过另一份文件");
        Key(page).ShouldNotBe(key);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(1);
    }

    /// <summary>
    /// A caseworker told only that the file cannot be read tries saving it again, in vain, when the sheet is simply larger
    /// than a batch may be: the page says why.
    /// </summary>
    [Fact]
    public async Task A_workbook_that_cannot_be_read_is_refused_with_its_reason_and_nothing_stored()
    {
        await using var hub = await RunningHub.StartAsync("Batches:MaxBodyBytes=8000");
        using var anonymous = hub.Anonymous();
        using var session = new ConsoleSession(anonymous.BaseAddress!);
        await session.SignInAsync("wang-01");
        var token = await session.TokenAsync("/batches/new");
        var key = Key(await session.Client.GetStringAsync("/batches/new"));
        // A file within the limit whose sheet, repeating the same rows, reads as more CSV than the limit.
        var lines = HouseholdBatches.Csv(hub.Sandbox.Population.Households(start: 820).Take(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var workbook = Browser.XlsxWorkbook.Of([.. lines.Take(1).Concat(Enumerable.Repeat(lines.Skip(1), 40).SelectMany(r => r)).Select(line => line.Split(','))]);
        workbook.Length.ShouldBeLessThan(8000);

        using var tooLarge = await UploadAsync(session, token, key, workbook, "申请名单.xlsx");
        using var notAWorkbook = await UploadAsync(session, token, key, [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0], "申请名单.xlsx");

        tooLarge.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await tooLarge.Content.ReadAsStringAsync()).ShouldContain("无法读取这个 Excel 文件：工作表转换成的 CSV 超过批次上限，请拆分成几个批次上传");
        WebUtility.HtmlDecode(await notAWorkbook.Content.ReadAsStringAsync()).ShouldContain("无法读取这个 Excel 文件：不是有效的 .xlsx 文件");
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(0);
    }

    private static Task<HttpResponseMessage> UploadAsync(ConsoleSession session, string token, string key, string csv) =>
        UploadAsync(session, token, key, Encoding.UTF8.GetBytes(csv), "batch.csv");

    private static Task<HttpResponseMessage> UploadAsync(ConsoleSession session, string token, string key, byte[] file, string fileName)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("new-application"), "Purpose" },
            { new StringContent("2026-11-15"), "AsOf" },
            { new StringContent(key), "SubmissionKey" },
            { new ByteArrayContent(file), "Upload", fileName },
        };
        return session.Client.PostAsync("/batches/new", form);
    }

    private static string Key(string page) =>
        SubmissionKeyField().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new ShouldAssertException("The upload form carries no submission key");

    [GeneratedRegex("name=\"SubmissionKey\" value=\"([^\"]+)\"")]
    private static partial Regex SubmissionKeyField();
}
