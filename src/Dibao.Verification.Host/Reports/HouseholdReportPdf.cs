using System.Globalization;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Verification;
using PdfSharp.Pdf;

namespace Dibao.Verification.Host.Reports;

/// <summary>
/// Writes the 核对报告 of one household as a PDF in Chinese: the household and its members, each agency's findings with
/// the date asked about and the time answered, declared against found, the policy figures, the outcome with every reason,
/// and the signatures so far. Identity numbers appear as the case view shows them to the reader.
/// </summary>
public static class HouseholdReportPdf
{
    public const string ContentType = "application/pdf";

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static byte[] Write(HouseholdReport report)
    {
        var view = report.Case;
        using var document = new PdfDocument();
        document.Info.Title = $"居民家庭经济状况核对报告 {view.HouseholdRef}";
        document.Info.Creator = "Dibao.Verification";
        document.Language = "zh-CN";
        using (var layout = new ReportLayout(document, $"居民家庭经济状况核对报告 · 户编号 {view.HouseholdRef} · 案件 {view.CaseId}"))
        {
            Header(layout, report);
            Members(layout, report);
            Findings(layout, report);
            Declarations(layout, report);
            Policy(layout, report);
            Outcome(layout, report);
            Signatures(layout, report);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Header(ReportLayout layout, HouseholdReport report)
    {
        var view = report.Case;
        layout.Title("居民家庭经济状况核对报告");
        layout.Text(
            $"户编号：{view.HouseholdRef}　　乡镇（街道）代码：{view.Township}　　核对目的：{report.Purpose}\n" +
            $"查询基准日：{Day(report.AsOf)}　　核对轮次：第 {view.Round} 轮　　当前环节：{CaseWords.Tier(view.Tier)}（{CaseWords.State(view.State)}）\n" +
            $"案件编号：{view.CaseId}\n" +
            $"打印人：{report.Reader}　　打印时间：{At(report.PrintedAt, report)}");
    }

    private static void Members(ReportLayout layout, HouseholdReport report)
    {
        layout.Heading("一、家庭及成员");
        layout.Table(
            [0.08, 0.22, 0.2, 0.5],
            ["序号", "姓名", "与申请人关系", "公民身份号码"],
            report.Round.Members.Select((m, i) => (IReadOnlyList<string>)[(i + 1).ToString(Zh), m.Name, Relations.Chinese(m.Relation), m.IdNumber]));
        if (report.Round.Members.Any(m => m.IdNumber.Contains('*', StringComparison.Ordinal)))
        {
            layout.Text("公民身份号码仅对案件当前所在层级的审核人员完整显示，其他阅读者看到的号码已部分遮蔽。", size: 8.5);
        }
    }

    private static void Findings(ReportLayout layout, HouseholdReport report)
    {
        layout.Heading("二、各部门核对结果");
        layout.Text($"各部门按查询基准日 {Day(report.AsOf)} 提供数据" + (report.Parameters is { } p
            ? $"；收入按 {Month(IncomeWindow.Before(report.AsOf, p.IncomeLookbackMonths))} 计算。"
            : "。"));
        foreach (var member in report.Round.Members)
        {
            layout.SubHeading($"{member.Name}（{member.IdNumber}）");
            var answers = report.Case.Evidence.Where(e => e.IdNumber == member.IdNumber && e.Name == member.Name).ToList();
            if (answers.Count == 0)
            {
                layout.Text("未向任何部门查询。", indent: 10);
            }

            foreach (var evidence in answers)
            {
                layout.Text(
                    $"{AgencyCodes.DisplayName(evidence.Agency)}：{AnswerText(evidence.State, evidence.Kind, evidence.RefusalCode)}；" +
                    $"数据截至 {Day(report.AsOf)}；答复时间 {(evidence.AnsweredAt is { } at ? At(at, report) : "—")}",
                    indent: 10);
                foreach (var line in FindingLines.Of(evidence.Facts))
                {
                    layout.Text(line, indent: 24, size: 9);
                }

                if (evidence.Late is { } late)
                {
                    layout.Text(
                        $"逾期答复（{At(late.ReceivedAt, report)} 收到，未计入本轮结果）：{AnswerText("answered", late.Kind, late.RefusalCode)}",
                        indent: 24, size: 9);
                    foreach (var line in FindingLines.Of(late.Facts))
                    {
                        layout.Text(line, indent: 36, size: 9);
                    }
                }
            }
        }
    }

    private static void Declarations(ReportLayout layout, HouseholdReport report)
    {
        layout.Heading("三、申报与核对对比");
        if (report.Case.Verification.Declarations is not { } declared)
        {
            layout.Text("本户未申报收入和金融资产。");
            return;
        }

        var names = report.Round.Members.GroupBy(m => m.IdNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var rows = declared.Members
            .Select(m => Figures(names.GetValueOrDefault(m.IdNumber, m.IdNumber), m.Figures))
            .Append(Figures("家庭合计", declared.Total))
            .Append(Figures("家庭人均", declared.PerCapita));
        layout.Table(
            [0.16, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14],
            ["", "申报月收入", "核对月收入", "差额", "申报金融资产", "核对金融资产", "差额"],
            rows);
        layout.Text("金额单位：元。差额为核对所得减去申报；“—”表示未申报，或所依据的部门答复缺失。", size: 8.5);
    }

    private static IReadOnlyList<string> Figures(string who, DeclaredAgainstFound f) =>
        [who, Money(f.DeclaredMonthlyIncome), Money(f.FoundMonthlyIncome), Money(f.MonthlyIncomeDifference),
            Money(f.DeclaredFinancialAssets), Money(f.FoundFinancialAssets), Money(f.FinancialAssetsDifference)];

    private static void Policy(ReportLayout layout, HouseholdReport report)
    {
        var verification = report.Case.Verification;
        layout.Heading("四、适用政策标准");
        if (verification.PolicyHash is null)
        {
            layout.Text("本轮核对尚未得出结果，尚无适用的政策标准。");
            return;
        }

        layout.Text($"政策：{verification.PolicyName}\n版本（SHA-256）：{verification.PolicyHash}");
        if (report.Parameters is not { } p)
        {
            layout.Text("核对所用的政策版本已不是核对中心当前加载的版本，其参数无法在此重现；各项原因中记载了比较所用的数值。");
            return;
        }

        layout.Table(
            [0.55, 0.45],
            ["项目", "标准"],
            [
                ["城乡居民最低生活保障标准（月）", $"{Money(p.MonthlyStandard)} 元/人·月"],
                ["家庭人均金融资产上限", $"{Money(p.FinancialAssetLimitPerCapita)} 元（{p.DepositMonthsOfStandard} 个月低保标准）"],
                ["收入计算期", $"查询基准日前 {p.IncomeLookbackMonths} 个月"],
                ["个体工商户注册资本上限", $"{p.BusinessCapitalLimitWan.ToString("0.##", Zh)} 万元"],
                ["住房公积金近期缴存认定", $"{p.HousingFundRecentMonths} 个月内"],
                ["城乡居民养老金计入收入", p.CountResidentPension ? "计入" : "不计入"],
                ["申报与核对差异容许幅度", p.DeclarationTolerance.ToString("0.##%", Zh)],
            ]);
    }

    private static void Outcome(ReportLayout layout, HouseholdReport report)
    {
        var view = report.Case;
        var verification = view.Verification;
        layout.Heading("五、核对结论");
        layout.Text(
            $"自动核对结果：{OutcomeNames.Chinese(verification.Outcome)}　　计算时间：{(verification.EvaluatedAt is { } at ? At(at, report) : "—")}\n" +
            $"家庭人均月收入：{Money(verification.PerCapitaMonthlyIncome)} 元　　家庭人均金融资产：{Money(verification.PerCapitaFinancialAssets)} 元\n" +
            $"当前结论：{OutcomeNames.Chinese(view.Outcome)}" + (view.AmendmentReason is { } amended ? $"（改判理由：{amended}）" : ""));
        if (verification.Reasons.Count == 0)
        {
            layout.Text("无不符合条件或需复核的原因。");
            return;
        }

        layout.SubHeading($"原因（共 {verification.Reasons.Count} 项）");
        foreach (var (reason, i) in verification.Reasons.Select((r, i) => (r, i + 1)))
        {
            layout.Text($"{i}. 【{ReasonNames.Severity(reason.Severity)}】{ReasonNames.Of(reason.Code)}（{reason.Code}）", indent: 6);
            layout.Text(reason.Message, indent: 20);
            layout.Text($"依据（{(reason.Agency is { } agency ? AgencyCodes.DisplayName(agency) : "多部门合计")}）：{reason.Evidence}", indent: 20, size: 8.5);
            if (reason.Actual is not null || reason.Limit is not null)
            {
                layout.Text($"核对数值 {Money(reason.Actual)}，比较标准 {Money(reason.Limit)}", indent: 20, size: 8.5);
            }
        }
    }

    private static void Signatures(ReportLayout layout, HouseholdReport report)
    {
        layout.Heading("六、审核签署");
        var signatures = report.Signatures;
        layout.Table(
            [0.25, 0.3, 0.15, 0.3],
            ["层级", "签署人", "方式", "签署时间"],
            [
                Signature("乡镇审核", signatures.Township, report),
                Signature("县级初核", signatures.County, report),
                Signature("市级终核确认", signatures.City, report),
            ]);
        layout.SubHeading("审核记录");
        layout.Table(
            [0.27, 0.1, 0.12, 0.18, 0.33],
            ["时间", "层级", "操作", "操作人", "理由"],
            report.Case.History.Select(s => (IReadOnlyList<string>)[At(s.At, report), CaseWords.Tier(s.Tier), CaseWords.Action(s.Action), s.By == CaseActions.System ? "系统" : s.By, s.Reason ?? ""]),
            size: 8.5);
    }

    private static IReadOnlyList<string> Signature(string tier, SignatureView? signature, HouseholdReport report) =>
        signature is null
            ? [tier, "尚未签署", "", ""]
            : [tier, signature.By == CaseActions.System ? "系统自动确认" : signature.By, CaseWords.Action(signature.Action), At(signature.At, report)];

    private static string AnswerText(string state, string? kind, string? refusalCode) => (state, kind) switch
    {
        ("answered", "records-found") => "有记录",
        ("answered", "no-records") => "无记录",
        ("answered", _) => $"拒绝查询该成员（{refusalCode}）",
        ("awaited", _) => "等待答复",
        ("unavailable", _) => "未在期限内答复",
        _ => $"拒绝本次查询（{refusalCode}）",
    };

    private static string Money(decimal? value) => value is { } v ? v.ToString("#,##0.00", Zh) : "—";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Zh);

    private static string Month(IncomeWindow window) => $"{window.FromMonth.ToString("yyyy年M月", Zh)}至{window.ToMonth.ToString("yyyy年M月", Zh)}";

    /// <summary>A time on the offices' clock, with the clock named.</summary>
    private static string At(DateTimeOffset at, HouseholdReport report)
    {
        var offset = report.OfficeOffset;
        var zone = offset == TimeSpan.FromHours(8) ? "北京时间" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}";
        return $"{at.ToOffset(offset).ToString("yyyy-MM-dd HH:mm", Zh)}（{zone}）";
    }
}
