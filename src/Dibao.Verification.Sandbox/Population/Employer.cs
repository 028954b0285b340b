namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// One of a fixed catalogue of employers per seed, so that many persons share an employer as
/// they do in a real county, and its name and code agree across social security, housing fund and tax.
/// </summary>
internal sealed record Employer(string Name, string CreditCode)
{
    public const int CatalogueSize = 400;

    private static readonly string[] Places = ["长春", "长春市", "吉林省", "吉林市", "德惠市", "榆树市", "农安县"];
    private static readonly string[] Brands = ["宏达", "鑫源", "恒泰", "华信", "金鼎", "盛世", "永安", "东方", "嘉和", "万通", "正大", "天成", "瑞丰", "北方", "一方", "众诚"];
    private static readonly string[] Trades = ["机械", "物业服务", "商贸", "建筑工程", "食品", "物流", "汽车零部件", "餐饮管理", "农业发展", "保安服务", "医药连锁", "家政服务"];
    private static readonly string[] Forms = ["有限公司", "有限责任公司", "股份有限公司"];
    private static readonly string[] Areas = ["220102", "220104", "220105", "220106", "220183", "220202"];

    public static Employer Get(long seed, int index)
    {
        var random = StableHash.Stream(seed, index.ToString(System.Globalization.CultureInfo.InvariantCulture), "employer");
        var name = random.Pick(Places) + random.Pick(Brands) + random.Pick(Trades) + random.Pick(Forms);
        return new Employer(name, CreditCodes.Create(ref random, "91", random.Pick(Areas)));
    }
}
