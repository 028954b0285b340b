using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// What each reason code is called in Chinese, for the pages and documents people read (the 核对报告, the console); the
/// API keeps the codes, and each reason's own message says the particulars.
/// </summary>
public static class ReasonNames
{
    public static IReadOnlyDictionary<string, string> Chinese { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReasonCodes.IncomeAboveStandard] = "家庭人均月收入高于当地低保标准",
        [ReasonCodes.FinancialAssetsAboveLimit] = "家庭人均金融资产超过规定限额",
        [ReasonCodes.ForeignCurrencyAssetsReview] = "家庭成员持有外币或未注明币种的金融资产，需人工核实",
        [ReasonCodes.VehicleOwned] = "家庭成员名下有机动车辆",
        [ReasonCodes.BusinessOwned] = "家庭成员开办或经营企业",
        [ReasonCodes.IndividualBusinessReview] = "家庭成员经营个体工商户，需核查经营收入",
        [ReasonCodes.CooperativeReview] = "家庭成员参与农民专业合作社，需人工核查",
        [ReasonCodes.NameIdMismatch] = "部门登记的姓名与身份证号码不一致",
        [ReasonCodes.AgencyRefused] = "部门拒绝查询该成员的信息",
        [ReasonCodes.AgencyUnavailable] = "部门未在期限内答复",
        [ReasonCodes.AgencyQueryRefused] = "部门拒绝了本次查询",
        [ReasonCodes.IncomeWindowNotCovered] = "部门答复的收入期间短于现行政策的收入计算期间，需重新查询",
        [ReasonCodes.StaffRelativeReview] = "家庭成员是经办人员的近亲属，需备案复核",
        [ReasonCodes.ConsentExpired] = "家庭授权书已过有效期，未向部门查询",
        [ReasonCodes.DeclarationMismatch] = "核对结果与家庭申报不符",
        [ReasonCodes.DuplicateEnrolment] = "家庭成员已在其他家庭享受低保",
        [VerificationViews.EvaluationErrorCode] = "系统未能计算核对结果",
    };

    /// <summary>The Chinese name of a code; the code itself for one this table does not know yet.</summary>
    public static string Of(string code) => Chinese.GetValueOrDefault(code, code);

    /// <summary>What a reason's severity does to the household, in Chinese.</summary>
    public static string Severity(string severity) => severity switch
    {
        "fail" => "不符合条件",
        "review" => "需人工复核",
        "incomplete" => "信息不全",
        _ => severity,
    };
}
