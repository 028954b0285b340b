using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Reports;

namespace Dibao.Verification.Host.Tests.Reports;

/// <summary>The report of cases the demo does not reach: a round still pending, a result given under a policy since replaced.</summary>
public sealed class HouseholdReportPdfTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 1, 30, 0, TimeSpan.Zero);

    [PdfToTextFact]
    public async Task A_round_still_being_verified_is_reported_as_such_with_its_awaited_answers()
    {
        var report = Report(new VerificationView("pending", null, null, [], null, Round: 2), Evidence("tax", "awaited"));

        var text = PdfToText.Compact(await PdfToText.ExtractAsync(HouseholdReportPdf.Write(report)));

        text.ShouldContain("自动核对结果：核对中");
        text.ShouldContain("税务部门：等待答复；数据截至2026-11-15；答复时间—");
        text.ShouldContain("本轮核对尚未得出结果，尚无适用的政策标准。");
        text.ShouldContain("市级终核确认尚未签署");
    }

    [PdfToTextFact]
    public async Task A_result_under_a_replaced_policy_names_it_and_prints_no_figures_it_was_not_computed_with_over_as_many_pages_as_it_takes()
    {
        var reasons = Enumerable.Range(1, 80)
            .Select(i => new ReasonView("VEHICLE_OWNED", "fail", "220102200105312656", "vehicle", $"吉A{i:00000}", $"第{i}辆车：黄明强名下有小型载客汽车吉A{i:00000}，登记状态正常。", null, null))
            .ToList();
        var report = Report(new VerificationView("fail", 1200m, 0m, reasons, At, PolicyName: "reference", PolicyHash: "0123456789abcdef"), Evidence("vehicle", "answered"));

        var text = PdfToText.Compact(await PdfToText.ExtractAsync(HouseholdReportPdf.Write(report)));

        text.ShouldContain("版本（SHA-256）：0123456789abcdef");
        text.ShouldContain("核对所用的政策版本已不是核对中心当前加载的版本");
        text.ShouldNotContain("城乡居民最低生活保障标准（月）");
        text.ShouldContain("原因（共80项）");
        foreach (var reason in reasons)
        {
            text.ShouldContain(reason.Message);
        }

        text.ShouldContain("第3页", customMessage: "eighty reasons do not fit on two pages");
    }

    private static AgencyEvidenceView Evidence(string agency, string state) =>
        new("220102200105312656", "黄明强", agency, state, state == "answered" ? "no-records" : null, null, null, state == "answered" ? At : null);

    private static HouseholdReport Report(VerificationView verification, AgencyEvidenceView evidence)
    {
        var caseView = new CaseView(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "H-000001", "220105001", "township", "awaiting-review", 3, verification.Outcome, null,
            null, false, false, verification, [evidence],
            [new CaseStepView("township", CaseActions.Verified, CaseActions.System, At, null, verification.Outcome, verification.Round)],
            verification.Round, false, []);
        var round = new RoundView(verification.Round, "submission", At, [new RoundMemberView("220102200105312656", "黄明强", "self")], verification, [evidence]);
        return new HouseholdReport(caseView, round, new DateOnly(2026, 11, 15), "new-application", null, new TierSignaturesView(null, null, null), "township-01", At, TimeSpan.FromHours(8));
    }
}
