namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// A case's tiers, states and steps in the offices' words, one vocabulary for the console and the 核对报告; an unknown
/// word is shown as it is rather than hidden.
/// </summary>
public static class CaseWords
{
    public static string Tier(string? tier) => tier switch
    {
        "township" => "乡镇审核",
        "county" => "县级初核",
        "city" => "市级终核",
        _ => tier ?? "",
    };

    public static string State(string? state) => state switch
    {
        "verifying" => "核对中",
        "awaiting-review" => "待审核",
        "returned" => "已退回",
        "on-notice" => "公示中",
        CaseNames.NoticeEnded => "公示期满，待转市级",
        "confirmed" => "已确认",
        _ => state ?? "",
    };

    public static string Action(string action) => action switch
    {
        CaseActions.Verified => "核对完成",
        CaseActions.Confirm => "确认",
        CaseActions.Return => "退回",
        CaseActions.Amend => "改判",
        CaseActions.Correct => "更正成员",
        CaseActions.Notice => "张榜公示",
        CaseActions.NoticeEnded => "公示期满",
        CaseActions.Objection => "公示异议",
        CaseActions.Dispute => "申请复查",
        CaseActions.DisputeAnswered => "复查答复",
        _ => action,
    };
}
