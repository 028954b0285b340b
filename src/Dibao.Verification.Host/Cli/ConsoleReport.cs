using System.Globalization;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Cli;

/// <summary>Writes the verify command's progress (to stderr) and its table of households (to stdout).</summary>
internal static class ConsoleReport
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static void WriteProgress(BatchProgress progress, TimeSpan elapsed) => WriteProgress("核对中", progress.Settled, progress.Households, elapsed);

    public static void WriteProgress(string label, int done, int total, TimeSpan elapsed)
    {
        if (Console.IsErrorRedirected)
        {
            return;
        }

        var width = 30;
        var bar = total == 0 ? width : (int)((long)done * width / total);
        Console.Error.Write(string.Create(Zh,
            $"\r{label} [{new string('#', bar)}{new string('.', width - bar)}] {done}/{total} 户  {elapsed.TotalSeconds:0.0}s "));
    }

    public static void EndProgress()
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }

    public static void WriteBatch(BatchView batch, TextWriter output)
    {
        var rows = batch.Households.Select(h => new[]
        {
            h.Ref,
            h.Members.ToString(Zh),
            Label(h.Verification.Outcome),
            Money(h.Verification.PerCapitaMonthlyIncome),
            Money(h.Verification.PerCapitaFinancialAssets),
            h.Verification.Reasons.Count == 0 ? "-" : string.Join(",", h.Verification.Reasons.Select(r => r.Code).Distinct()),
        }).ToList();
        string[] header = ["户编号", "人数", "结果", "人均月收入", "人均金融资产", "原因"];
        var widths = header.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();

        output.WriteLine(string.Create(Zh, $"批次 {batch.BatchId}  乡镇 {batch.Township}  基准日 {batch.AsOf:yyyy-MM-dd}  状态 {batch.Status}"));
        output.WriteLine();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var (row, household) in rows.Zip(batch.Households))
        {
            output.WriteLine(Line(row, widths));
            if (household.Verification.Declarations is { PerCapita: var perCapita })
            {
                output.WriteLine($"    申报/核实 人均月收入 {Money(perCapita.DeclaredMonthlyIncome)} / {Money(perCapita.FoundMonthlyIncome)}"
                    + $"  人均金融资产 {Money(perCapita.DeclaredFinancialAssets)} / {Money(perCapita.FoundFinancialAssets)}");
            }

            foreach (var reason in household.Verification.Reasons)
            {
                output.WriteLine($"    [{reason.Severity}] {reason.Code} {reason.Message}");
                output.WriteLine($"        依据（{reason.Agency ?? "多部门"}）：{reason.Evidence}");
            }
        }

        output.WriteLine();
        var counts = batch.Households.GroupBy(h => h.Verification.Outcome).Select(g => $"{Label(g.Key)} {g.Count()}");
        output.WriteLine($"共 {batch.Households.Count} 户：" + string.Join("，", counts));
    }

    public static void WriteProblems(IReadOnlyList<SubmissionProblem> problems)
    {
        Console.Error.WriteLine($"批次未被接受，发现 {problems.Count} 处问题（整批未保存，未查询任何部门）：");
        foreach (var p in problems)
        {
            var where = p.Row is { } row ? $"第{row}行" : p.Path ?? "批次";
            Console.Error.WriteLine($"  {where} {p.Field}{(p.HouseholdRef is null ? "" : $"（户 {p.HouseholdRef}）")}: {p.Message}");
        }
    }

    /// <summary>The Chinese word the console and the report use, and the API's word a script can match.</summary>
    private static string Label(string outcome) => $"{OutcomeNames.Chinese(outcome)} {outcome}";

    private static string Money(decimal? value) => value is { } v ? v.ToString("#,##0.00", CultureInfo.InvariantCulture) : "-";

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c + new string(' ', widths[i] - Width(c)))).TrimEnd();

    /// <summary>Terminal columns: CJK characters take two.</summary>
    private static int Width(string text) => text.Sum(c => c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60)) ? 2 : 1);
}
