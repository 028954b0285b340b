using System.Globalization;
using System.Text.Json;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// An agency's facts about one person (<c>PersonFacts</c> as stored) as short Chinese lines for the case page: one per
/// record, its kind first. A field the console does not know is shown by its own name, so nothing an agency said is hidden.
/// </summary>
public static class FactsText
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["pensions"] = "养老金",
        ["employments"] = "就业参保",
        ["unemploymentBenefits"] = "失业金",
        ["housingFundAccounts"] = "公积金账户",
        ["taxedIncome"] = "纳税收入",
        ["businesses"] = "市场主体",
        ["vehicles"] = "机动车",
        ["financialAccounts"] = "金融资产",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["scheme"] = "险种",
        ["monthlyAmount"] = "月额",
        ["since"] = "起始",
        ["status"] = "状态",
        ["employerName"] = "单位",
        ["employerCreditCode"] = "单位信用代码",
        ["contributionBase"] = "缴费基数",
        ["fromMonth"] = "自",
        ["toMonth"] = "至",
        ["accountNo"] = "账号",
        ["depositBase"] = "缴存基数",
        ["monthlyDeposit"] = "月缴存额",
        ["balance"] = "余额",
        ["lastDepositMonth"] = "最近缴存",
        ["openedOn"] = "开户日",
        ["period"] = "所属期",
        ["category"] = "类别",
        ["payer"] = "扣缴义务人",
        ["gross"] = "收入额",
        ["tax"] = "税额",
        ["creditCode"] = "统一社会信用代码",
        ["name"] = "名称",
        ["type"] = "类型",
        ["role"] = "身份",
        ["registeredCapitalWan"] = "注册资本（万元）",
        ["established"] = "成立日",
        ["deregistered"] = "注销日",
        ["plateNumber"] = "号牌",
        ["typeCode"] = "车型代码",
        ["useCode"] = "使用性质",
        ["firstRegistered"] = "初次登记",
        ["brand"] = "品牌",
        ["disabledPersonAdapted"] = "残疾人专用",
        ["bank"] = "银行",
        ["maskedAccount"] = "账户",
        ["product"] = "产品",
        ["currency"] = "币种",
    };

    /// <summary>The contracts' enumerations, as stored (kebab case); the same word means the same in every field that has it.</summary>
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["enterprise-employee"] = "企业职工",
        ["institution"] = "机关事业单位",
        ["urban-rural-resident"] = "城乡居民",
        ["paying"] = "正常发放",
        ["suspended"] = "暂停发放",
        ["terminated"] = "终止",
        ["normal"] = "正常",
        ["sealed"] = "封存",
        ["closed"] = "销户",
        ["wages"] = "工资薪金",
        ["labor-remuneration"] = "劳务报酬",
        ["business"] = "经营所得",
        ["interest-dividend"] = "利息股息红利",
        ["property-lease"] = "财产租赁",
        ["individual-business"] = "个体工商户",
        ["company"] = "公司",
        ["farmer-cooperative"] = "农民专业合作社",
        ["operator"] = "经营者",
        ["legal-representative"] = "法定代表人",
        ["shareholder"] = "股东",
        ["active"] = "存续",
        ["deregistered"] = "注销",
        ["revoked"] = "吊销",
        ["passenger-car"] = "载客汽车",
        ["truck"] = "载货汽车",
        ["motorcycle"] = "摩托车",
        ["three-wheeled-or-low-speed"] = "三轮或低速车",
        ["tractor-trailer"] = "牵引车",
        ["other"] = "其他",
        ["transferred-out"] = "已转出",
        ["unresolved-violations"] = "有未处理违法",
        ["demand"] = "活期",
        ["time"] = "定期",
        ["wealth-management"] = "理财",
        ["fund"] = "基金",
    };

    public static IReadOnlyList<string> Lines(JsonElement? facts)
    {
        if (facts is not { ValueKind: JsonValueKind.Object } root)
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var kind in root.EnumerateObject())
        {
            if (kind.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var record in kind.Value.EnumerateArray())
            {
                var label = Kinds.GetValueOrDefault(kind.Name, kind.Name);
                lines.Add(record.ValueKind == JsonValueKind.Object
                    ? $"{label}：{string.Join("；", record.EnumerateObject().Where(f => f.Value.ValueKind != JsonValueKind.Null).Select(f => $"{Fields.GetValueOrDefault(f.Name, f.Name)} {Value(f.Value)}"))}"
                    : $"{label}：{Value(record)}");
            }
        }

        return lines;
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Number => value.GetDecimal().ToString("#,##0.##", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() is { } text ? Words.GetValueOrDefault(text, text) : "",
        _ => value.GetRawText(),
    };
}
