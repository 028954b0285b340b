using System.Globalization;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Problems;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>The API's words as the console shows them, in Chinese; an unknown word is shown as it is rather than hidden.</summary>
public static class ConsoleText
{
    private static readonly CultureInfo China = CultureInfo.GetCultureInfo("zh-CN");

    public static string AnswerState(string state) => state switch
    {
        "awaited" => "等待答复",
        "answered" => "已答复",
        "unavailable" => "逾期未答复",
        "refused" => "拒绝查询",
        _ => state,
    };

    public static string Role(string role) => role switch
    {
        HubRoles.TownshipCaseworker => "乡镇经办人",
        HubRoles.CountyReviewer => "县级审核人",
        HubRoles.CityReviewer => "市级审批人",
        HubRoles.Auditor => "审计员",
        HubRoles.Admin => "管理员",
        _ => role,
    };

    public static string Purpose(string purpose) => purpose switch
    {
        "new-application" => "新申请",
        "annual-review" => "年度复核",
        _ => purpose,
    };

    public static string Yuan(decimal? amount) => amount is { } a ? a.ToString("#,##0.00", China) : "—";

    public static string Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>In the offices' clock, as the deadlines are counted.</summary>
    public static string Time(DateTimeOffset? at, TimeSpan officeOffset) =>
        at is { } t ? t.ToOffset(officeOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>A refusal of a decision, correction, objection or dispute, said so a caseworker knows what to do next.</summary>
    public static string Refusal(string? code, string? problem) => code switch
    {
        ProblemCodes.StaleVersion =>
            "在您打开这个案件之后，已有其他人处理了它（例如另一位审核人已经确认或退回），您看到的已不是最新情况，所以这次操作没有生效。请重新打开案件，看过最新情况后再决定。",
        _ => problem ?? "操作未能完成。",
    };
}
