namespace Dibao.Verification.Sandbox.Population;

internal static class ChineseNames
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "沈", "曾", "彭", "吕", "苏", "卢",
        "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "潘", "杜", "夏", "姜", "范", "石", "姚", "崔", "孟", "秦", "史", "邵",
    ];

    private static readonly string[] MaleCharacters =
    [
        "建", "国", "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "海", "波", "辉", "刚", "平", "鹏", "华", "飞", "鑫",
        "宇", "浩", "峰", "志", "文", "德", "福", "成", "东", "林", "春", "立", "永", "庆", "宏", "长", "继", "玉", "振", "兴",
    ];

    private static readonly string[] FemaleCharacters =
    [
        "秀", "英", "丽", "静", "敏", "燕", "艳", "娟", "霞", "芳", "娜", "丹", "玲", "萍", "红", "玉", "兰", "桂", "淑", "珍",
        "华", "雪", "婷", "梅", "琳", "凤", "春", "晶", "颖", "慧", "莉", "欣", "彩", "云", "荣", "洁", "桂", "艳", "月", "琴",
    ];

    /// <summary>The name for an identity number; the 17th digit gives the sex (odd male).</summary>
    public static string For(long seed, string idNumber)
    {
        var random = StableHash.Stream(seed, idNumber, "name");
        var surname = random.Pick(Surnames);
        return surname + GivenName(ref random, IsMale(idNumber));
    }

    /// <summary>A name that differs from <paramref name="name"/>: a clerk's slip in the given name, as in a mismatched tax record.</summary>
    public static string Variant(long seed, string idNumber, string name)
    {
        var random = StableHash.Stream(seed, idNumber, "name-variant");
        var characters = IsMale(idNumber) ? MaleCharacters : FemaleCharacters;
        var head = name[..^1];
        var last = name[^1..];
        var replacement = random.Pick(characters);
        return replacement == last ? head + characters[(Array.IndexOf(characters, replacement) + 1) % characters.Length] : head + replacement;
    }

    private static bool IsMale(string idNumber) => (idNumber[16] - '0') % 2 == 1;

    private static string GivenName(ref DeterministicRandom random, bool male)
    {
        var characters = male ? MaleCharacters : FemaleCharacters;
        var first = random.Pick(characters);
        return random.Chance(0.35) ? first : first + random.Pick(characters);
    }
}
