using System.Globalization;
using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Messaging;

namespace Dibao.Verification.Host.Reports;

/// <summary>
/// An agency's facts about one member as lines of Chinese, one record a line, as a caseworker files them: the 核对报告 and
/// the console's case page word them alike.
/// </summary>
public static class FindingLines
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static IEnumerable<string> Of(JsonElement? facts)
    {
        if (facts is not { } json || json.Deserialize<PersonFacts>(HubJson.Options) is not { } f)
        {
            yield break;
        }

        foreach (var p in f.Pensions)
        {
            yield return $"养老金：{Scheme(p.Scheme)}，每月 {Money(p.MonthlyAmount)} 元，{PensionStatus(p.Status)}{Since(p.Since)}";
        }

        foreach (var e in f.Employments)
        {
            yield return $"社保缴费：{e.EmployerName ?? Unstated.Employer}{Code(e.EmployerCreditCode)}，缴费基数 {Money(e.ContributionBase)} 元，{Month(e.FromMonth)} 至 {(e.ToMonth is { } to ? Month(to) : "今")}";
        }

        foreach (var u in f.UnemploymentBenefits)
        {
            yield return $"失业保险金：每月 {Money(u.MonthlyAmount)} 元，{Month(u.FromMonth)} 至 {(u.ToMonth is { } to ? Month(to) : "今")}";
        }

        foreach (var h in f.HousingFundAccounts)
        {
            yield return
                $"公积金账户 {h.AccountNo}（{HousingFundStatus(h.Status)}）：{h.EmployerName ?? Unstated.Employer}，缴存基数 {Money(h.DepositBase)} 元，月缴存 {Money(h.MonthlyDeposit)} 元，余额 {Money(h.Balance)} 元" +
                (h.LastDepositMonth is { } last ? $"，最近缴存 {Month(last)}" : "");
        }

        // Tax answers are monthly; one line per payer and category keeps a year of wages readable.
        foreach (var group in f.TaxedIncome.GroupBy(t => (t.Payer, t.Category)).OrderBy(g => g.Key.Payer, StringComparer.Ordinal))
        {
            var months = group.Select(t => t.Period).Order().ToList();
            yield return
                $"纳税收入：{group.Key.Payer ?? Unstated.Payer}，{Income(group.Key.Category)}，{Month(months[0])} 至 {Month(months[^1])} 共 {months.Count} 个月，" +
                $"税前合计 {Money(group.Sum(t => t.Gross))} 元，纳税 {Money(group.Sum(t => t.Tax))} 元";
        }

        foreach (var b in f.Businesses)
        {
            yield return
                $"市场主体：{b.Name ?? Unstated.BusinessName}（统一社会信用代码 {b.CreditCode}），{BusinessType(b.Type)}，{Role(b.Role)}，注册资本 {b.RegisteredCapitalWan.ToString("0.##", Zh)} 万元，{BusinessStatus(b.Status)}" +
                (b.Established is { } on ? $"，成立于 {Day(on)}" : "");
        }

        foreach (var v in f.Vehicles)
        {
            yield return
                $"机动车：{v.PlateNumber ?? Unstated.Plate}，{Vehicle(v.Category)}{(v.Brand is null ? "" : "，" + v.Brand)}，{VehicleStatus(v.Status)}" +
                (v.FirstRegistered is { } on ? $"，初次登记 {Day(on)}" : "") + (v.DisabledPersonAdapted ? "，残疾人专用车" : "");
        }

        foreach (var a in f.FinancialAccounts)
        {
            yield return $"金融资产：{a.Bank} 账户 {a.MaskedAccount}，{Product(a.Product)}，余额 {Money(a.Balance)} {(a.Currency == "CNY" ? "元" : a.Currency ?? Unstated.Currency)}";
        }
    }

    private static string Money(decimal value) => value.ToString("#,##0.00", Zh);

    private static string Month(DateOnly month) => month.ToString("yyyy年M月", Zh);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Zh);

    private static string Since(DateOnly? since) => since is { } s ? $"，自 {Month(s)}起" : "";

    private static string Code(string? creditCode) => creditCode is null ? "" : $"（{creditCode}）";

    private static string Scheme(PensionScheme scheme) => scheme switch
    {
        PensionScheme.EnterpriseEmployee => "企业职工基本养老保险",
        PensionScheme.Institution => "机关事业单位养老保险",
        _ => "城乡居民基本养老保险",
    };

    private static string PensionStatus(Contracts.V1.PensionStatus status) => status switch
    {
        Contracts.V1.PensionStatus.Paying => "正常发放",
        Contracts.V1.PensionStatus.Suspended => "暂停发放",
        _ => "终止发放",
    };

    private static string HousingFundStatus(HousingFundAccountStatus status) => status switch
    {
        HousingFundAccountStatus.Normal => "正常",
        HousingFundAccountStatus.Sealed => "封存",
        _ => "销户",
    };

    private static string Income(IncomeCategory category) => category switch
    {
        IncomeCategory.Wages => "工资薪金",
        IncomeCategory.LaborRemuneration => "劳务报酬",
        IncomeCategory.Business => "经营所得",
        IncomeCategory.InterestDividend => "利息股息红利",
        _ => "财产租赁所得",
    };

    private static string BusinessType(Contracts.V1.BusinessType type) => type switch
    {
        Contracts.V1.BusinessType.IndividualBusiness => "个体工商户",
        Contracts.V1.BusinessType.Company => "企业",
        _ => "农民专业合作社",
    };

    private static string Role(BusinessRole role) => role switch
    {
        BusinessRole.Operator => "经营者",
        BusinessRole.LegalRepresentative => "法定代表人",
        _ => "股东",
    };

    private static string BusinessStatus(Contracts.V1.BusinessStatus status) => status switch
    {
        Contracts.V1.BusinessStatus.Active => "存续",
        Contracts.V1.BusinessStatus.Deregistered => "已注销",
        _ => "已吊销",
    };

    private static string Vehicle(VehicleCategory category) => category switch
    {
        VehicleCategory.PassengerCar => "载客汽车",
        VehicleCategory.Truck => "载货汽车",
        VehicleCategory.Motorcycle => "摩托车",
        VehicleCategory.ThreeWheeledOrLowSpeed => "三轮汽车或低速货车",
        VehicleCategory.TractorTrailer => "牵引车或挂车",
        _ => "其他车辆",
    };

    private static string VehicleStatus(VehicleRegistrationStatus status) => status switch
    {
        VehicleRegistrationStatus.Normal => "登记正常",
        VehicleRegistrationStatus.TransferredOut => "已转出",
        VehicleRegistrationStatus.Deregistered => "已注销",
        _ => "有未处理违法",
    };

    private static string Product(FinancialProduct product) => product switch
    {
        FinancialProduct.Demand => "活期存款",
        FinancialProduct.Time => "定期存款",
        FinancialProduct.WealthManagement => "理财产品",
        _ => "基金",
    };
}
