using System.Globalization;
using System.Text;

namespace Dibao.Verification.Host.Batches;

/// <summary>
/// Reads the CSV form of a batch: columns <c>household_ref,consent_ref,id_number,name,relation</c>, and optionally
/// <c>consent_signed_on</c> (the authorization's date, <c>yyyy-MM-dd</c>; the submission date when empty or absent),
/// one member per line, in UTF-8 (with or without BOM) or GB18030 as Chinese spreadsheet software saves it.
/// </summary>
public static class CsvBatchReader
{
    public static readonly string[] Columns = ["household_ref", "consent_ref", "id_number", "name", "relation"];

    public const string ConsentSignedOnColumn = "consent_signed_on";

    /// <summary>Optional: the member's declared monthly income and financial assets, yuan; empty when not declared.</summary>
    public const string DeclaredIncomeColumn = "declared_income";

    public const string DeclaredAssetsColumn = "declared_assets";

    /// <summary>The date since which a household receives the benefit: read for imports of the recipient roll, ignored in batches.</summary>
    public const string SinceColumn = "since";

    /// <summary>The field a line's problem names when it holds more fields than the header.</summary>
    public const string ExtraFieldProblem = "extra_field";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvBatchReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static CsvReadResult Read(ReadOnlySpan<byte> content, string? township, string? purpose, DateOnly? asOf)
    {
        var text = Decode(content);
        var lines = CsvParser.Parse(text, out var brokenQuote);
        var problems = new List<SubmissionProblem>();
        if (lines.Count == 0)
        {
            problems.Add(new SubmissionProblem(1, null, "header", null, "文件为空，缺少表头：" + string.Join(",", Columns)));
            return new CsvReadResult(null, problems);
        }

        var header = lines[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        foreach (var missing in index.Where(kv => kv.Value < 0))
        {
            problems.Add(new SubmissionProblem(1, null, missing.Key, null, $"表头缺少列 {missing.Key}"));
        }

        if (brokenQuote is { } quote)
        {
            problems.Add(CsvParser.QuoteProblem(quote, header));
        }

        if (problems.Count > 0)
        {
            return new CsvReadResult(null, problems);
        }

        var signedOnColumn = header.IndexOf(ConsentSignedOnColumn);
        var incomeColumn = header.IndexOf(DeclaredIncomeColumn);
        var assetsColumn = header.IndexOf(DeclaredAssetsColumn);
        var sinceColumn = header.IndexOf(SinceColumn);
        var households = new List<(HouseholdRequest Household, List<MemberRequest> Members, List<int> Lines)>();
        var byRef = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            string Field(string column) => index[column] < line.Fields.Count ? line.Fields[index[column]].Trim() : "";

            // A row without its household's reference is a household of its own: the checks name the missing reference
            // on its line and still check its member.
            var reference = Field("household_ref");
            var named = reference.Length > 0 ? reference : null;

            // A comma in an amount (1,200) or a name, unquoted, splits its field and moves every later one: the line reads
            // with fewer fields than it holds. Trailing empty fields, as spreadsheets write them, are nothing.
            if (line.Fields.Skip(header.Count).Any(f => f.Trim().Length > 0))
            {
                problems.Add(new SubmissionProblem(line.Number, null, ExtraFieldProblem, named,
                    $"这一行的字段比表头的 {header.Count} 列多：未加引号的逗号（如金额中的千位分隔符 1,200）会把一个字段拆成两个；请删除逗号或给字段加引号"));
            }

            var key = reference.Length > 0 ? reference : $"\0{line.Number}";

            var consent = Field("consent_ref");
            var signedOnText = signedOnColumn >= 0 && signedOnColumn < line.Fields.Count ? line.Fields[signedOnColumn].Trim() : "";
            DateOnly? signedOn = null;
            if (signedOnText.Length > 0)
            {
                if (DateOnly.TryParseExact(signedOnText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    signedOn = parsed;
                }
                else
                {
                    problems.Add(new SubmissionProblem(line.Number, null, ConsentSignedOnColumn, named, "授权书签署日期必须是 yyyy-MM-dd 格式的日期"));
                }
            }

            var since = sinceColumn >= 0 && sinceColumn < line.Fields.Count ? line.Fields[sinceColumn].Trim() : null;
            if (!byRef.TryGetValue(key, out var position))
            {
                position = households.Count;
                byRef[key] = position;
                households.Add((new HouseholdRequest { Ref = reference, ConsentRef = consent, ConsentSignedOn = signedOn, Since = since }, [], []));
            }
            else
            {
                if (!string.Equals(households[position].Household.Since, since, StringComparison.Ordinal))
                {
                    problems.Add(new SubmissionProblem(line.Number, null, SinceColumn, named, "同一户的享受起始日期 since 必须一致"));
                }

                if (!string.Equals(households[position].Household.ConsentRef, consent, StringComparison.Ordinal))
                {
                    problems.Add(new SubmissionProblem(line.Number, null, "consent_ref", named, "同一户的授权书编号必须一致"));
                }

                if (households[position].Household.ConsentSignedOn != signedOn)
                {
                    problems.Add(new SubmissionProblem(line.Number, null, ConsentSignedOnColumn, named, "同一户的授权书签署日期必须一致"));
                }
            }

            decimal? Amount(int column, string name)
            {
                var text = column >= 0 && column < line.Fields.Count ? line.Fields[column].Trim() : "";
                if (text.Length == 0)
                {
                    return null;
                }

                if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
                {
                    return amount;
                }

                problems.Add(new SubmissionProblem(line.Number, null, name, named, "申报金额必须是数字（元），如 1200.50"));
                return null;
            }

            households[position].Members.Add(new MemberRequest
            {
                IdNumber = Field("id_number"),
                Name = Field("name"),
                Relation = Field("relation"),
                DeclaredMonthlyIncome = Amount(incomeColumn, DeclaredIncomeColumn),
                DeclaredFinancialAssets = Amount(assetsColumn, DeclaredAssetsColumn),
            });
            households[position].Lines.Add(line.Number);
        }

        var request = new BatchRequest
        {
            Township = township,
            Purpose = purpose,
            AsOf = asOf,
            Households = [.. households.Select(h => h.Household with { Members = h.Members, SourceLines = h.Lines })],
            ReadingProblems = problems,
        };
        return new CsvReadResult(request, problems);
    }

    /// <summary>
    /// UTF-8 when the bytes are UTF-8, else GB18030, which Excel and WPS on Chinese Windows save. Text of a few names in
    /// GB18030 can also be valid UTF-8 (郑伟 saved by Excel reads as ֣ΰ): a batch's names are Chinese, so bytes that
    /// hold no Chinese character as UTF-8 but do as GB18030 are GB18030, with a UTF-8 byte order mark before them or not
    /// (a mark before bytes that are not UTF-8 at all was put before GB18030 text). GB18030's own mark is dropped.
    /// </summary>
    internal static string Decode(ReadOnlySpan<byte> content)
    {
        var marked = content.StartsWith("\uFEFF"u8);
        var text = marked ? content[3..] : content;
        string utf8;
        try
        {
            utf8 = StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return FromGb18030(text);
        }

        if (!HasChinese(utf8) && utf8.Any(c => c > '\x7F'))
        {
            var gb18030 = FromGb18030(text);
            if (HasChinese(gb18030) && !gb18030.Contains('\uFFFD', StringComparison.Ordinal))
            {
                return gb18030;
            }
        }

        return utf8;
    }

    private static string FromGb18030(ReadOnlySpan<byte> content) => Encoding.GetEncoding("GB18030").GetString(content).TrimStart('\uFEFF');

    /// <summary>CJK ideographs of the basic plane, where GB18030's two-byte characters and nearly every name lie.</summary>
    private static bool HasChinese(string text) => text.Any(c => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF');
}
