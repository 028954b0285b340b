using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Reports;

/// <summary>The 核对报告 of the sample batch's household that declared, read back with <c>pdftotext</c> as a reader's copy would be.</summary>
public sealed class HouseholdReportTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [PdfToTextFact]
    public async Task The_report_of_a_demo_household_shows_every_item_in_Chinese_that_pdftotext_gives_back()
    {
        await using var hub = await RunningHub.StartAsync(RunningHub.SandboxOnAsOfDay, "Confirmation:Tiers:Township:AutoConfirm=Never");
        var content = new StringContent(DemoHousehold("H-000053"), System.Text.Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var submitted = await hub.Client.PostAsync("/api/v1/batches?township=220105001&purpose=new-application&asOf=2026-11-15", content);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        var caseId = (await hub.WaitForCompletionAsync(submitted.Headers.Location!)).Households.Single().CaseId!.Value;

        // Signed by the township and amended by the county: the city's signature is still to come.
        var county = hub.ClientAs(HubRoles.CountyReviewer, "220105", "county-01");
        var city = hub.ClientAs(HubRoles.CityReviewer, "2201", "city-01");
        (await hub.Client.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "confirm" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var amended = await county.PostAsJsonAsync($"/api/v1/cases/{caseId}/decisions", new { action = "amend", outcome = "pass", reason = "入户调查核实申报属实" });
        amended.StatusCode.ShouldBe(HttpStatusCode.OK, await amended.Content.ReadAsStringAsync());
        var view = (await city.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}"))!;
        var round = (await city.GetFromJsonAsync<RoundView>($"/api/v1/cases/{caseId}/rounds/{view.Round}"))!;

        using var response = await city.GetAsync($"/api/v1/cases/{caseId}/report.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        raw.ShouldStartWith("%PDF-");
        raw.ShouldContain("/FontFile2", customMessage: "the font is embedded, so every viewer can render the Chinese");
        raw.ShouldContain("/ToUnicode");
        var text = PdfToText.Compact(await PdfToText.ExtractAsync(pdf));

        text.ShouldContain("居民家庭经济状况核对报告");
        text.ShouldContain("户编号：H-000053");
        text.ShouldContain("查询基准日：2026-11-15");

        // The household and its members: the city decides now, so it sees the numbers whole.
        round.Members.Count.ShouldBe(3);
        foreach (var member in round.Members)
        {
            text.ShouldContain(member.Name);
            text.ShouldContain(member.IdNumber);
        }

        text.ShouldContain("本人");
        text.ShouldContain("配偶");

        // Each agency's finding about each member, with the date asked about and when it answered.
        view.Evidence.Count.ShouldBeGreaterThanOrEqualTo(round.Members.Count * 5);
        foreach (var evidence in view.Evidence)
        {
            text.ShouldContain(PdfToText.Compact(
                $"{AgencyCodes.DisplayName(evidence.Agency)}：{(evidence.Kind == "records-found" ? "有记录" : "无记录")}；数据截至2026-11-15；答复时间{Local(evidence.AnsweredAt!.Value)}（北京时间）"));
        }

        text.ShouldContain("纳税收入：", customMessage: "the facts found are listed, not only whether there were any");

        // Declared against found.
        var declared = view.Verification.Declarations.ShouldNotBeNull();
        text.ShouldContain("三、申报与核对对比");
        text.ShouldContain(PdfToText.Compact($"家庭合计 500.00 {Money(declared.Total.FoundMonthlyIncome)} {Money(declared.Total.MonthlyIncomeDifference)} 45,000.00"));
        text.ShouldContain(PdfToText.Compact($"家庭人均 {Money(declared.PerCapita.DeclaredMonthlyIncome)} {Money(declared.PerCapita.FoundMonthlyIncome)}"));

        // The policy figures the result was computed with.
        var parameters = hub.Services.GetRequiredService<PolicyProvider>().Require(RunningHub.Township);
        text.ShouldContain($"城乡居民最低生活保障标准（月）{Money(parameters.MonthlyStandard)}元/人·月");
        text.ShouldContain($"家庭人均金融资产上限{Money(parameters.FinancialAssetLimitPerCapita)}元");
        text.ShouldContain(view.Verification.PolicyHash!);

        // The outcome and every reason in Chinese.
        text.ShouldContain("自动核对结果：待复核");
        text.ShouldContain("当前结论：通过（改判理由：入户调查核实申报属实）");
        view.Verification.Reasons.ShouldNotBeEmpty();
        foreach (var reason in view.Verification.Reasons)
        {
            text.ShouldContain(ReasonNames.Of(reason.Code));
            text.ShouldContain(PdfToText.Compact(reason.Message));
        }

        // The signatures so far, who and when per tier.
        var township = view.History.Last(s => s.Action == CaseActions.Confirm && s.Tier == "township");
        var amendment = view.History.Last(s => s.Action == CaseActions.Amend);
        text.ShouldContain($"乡镇审核{RunningHub.Caseworker}确认{Local(township.At)}（北京时间）");
        text.ShouldContain($"县级初核county-01改判{Local(amendment.At)}（北京时间）");
        text.ShouldContain("市级终核确认尚未签署");

        // The county no longer decides: the same report shows it the numbers masked, as the case view does.
        var masked = PdfToText.Compact(await PdfToText.ExtractAsync(await county.GetByteArrayAsync($"/api/v1/cases/{caseId}/report.pdf")));
        foreach (var member in round.Members)
        {
            masked.ShouldNotContain(member.IdNumber);
            masked.ShouldContain(IdentityNumber.Mask(member.IdNumber));
        }

        masked.ShouldContain(PdfToText.Compact(view.Verification.Reasons[0].Message));
        var countyView = (await county.GetFromJsonAsync<CaseView>($"/api/v1/cases/{caseId}"))!;
        countyView.Verification.Declarations!.Members.ShouldAllBe(m => m.IdNumber.Contains('*'), "the case view masks the declarations' numbers too");

        // Read like the case view: audited for its reader, refused outside the jurisdiction.
        (await hub.ClientAs(HubRoles.CityReviewer, "2202", "city-elsewhere").GetAsync($"/api/v1/cases/{caseId}/report.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var reads = await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKinds.Read && e.Subject == $"case:{caseId}").ToListAsync());
        reads.ShouldContain(e => e.User == "city-01" && e.Detail == $"GET /api/v1/cases/{caseId}/report.pdf");
        reads.ShouldContain(e => e.User == "county-01" && e.Detail == $"GET /api/v1/cases/{caseId}/report.pdf");
        reads.ShouldNotContain(e => e.User == "city-elsewhere");
    }

    [Fact]
    public void Every_reason_code_has_a_Chinese_name()
    {
        var codes = typeof(ReasonCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).Append(VerificationViews.EvaluationErrorCode).ToList();

        codes.ShouldAllBe(code => ReasonNames.Chinese.ContainsKey(code));
        ReasonNames.Chinese.Keys.ShouldBe(codes, ignoreOrder: true);
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(Beijing).ToString("yyyy-MM-ddHH:mm", CultureInfo.InvariantCulture);

    private static string Money(decimal? value) => value!.Value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>The sample batch's header and the lines of one of its households.</summary>
    private static string DemoHousehold(string householdRef)
    {
        var lines = File.ReadAllLines(Path.Combine(DemoFolder(), "demo-batch.csv"));
        return string.Join("\r\n", lines.Take(1).Concat(lines.Where(l => l.StartsWith(householdRef + ",", StringComparison.Ordinal)))) + "\r\n";
    }

    private static string DemoFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "demo-batch.csv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/demo-batch.csv not found above the test binaries.");
    }
}
