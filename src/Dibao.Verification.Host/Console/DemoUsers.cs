using Dibao.Verification.Host.Access;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// One user per role and jurisdiction of the sandbox's city (2201), its county 220105 and two of its townships: enough to
/// walk a case through the three tiers as three people, and to see another township's data refused.
/// </summary>
public static class DemoUsers
{
    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("wang-01", HubRoles.TownshipCaseworker, "220105001", "王经办（乡镇经办人，220105001）"),
        new("liu-02", HubRoles.TownshipCaseworker, "220105002", "刘经办（乡镇经办人，220105002）"),
        new("zhao-county", HubRoles.CountyReviewer, "220105", "赵审核（县级审核人，220105）"),
        new("chen-city", HubRoles.CityReviewer, "2201", "陈审批（市级审批人，2201）"),
        new("sun-audit", HubRoles.Auditor, "2201", "孙审计（审计员，2201）"),
        new("zhou-admin", HubRoles.Admin, "2201", "周管理（管理员，2201）"),
    ];

    public static DemoUser? Find(string? user) => All.FirstOrDefault(u => u.User == user);
}
