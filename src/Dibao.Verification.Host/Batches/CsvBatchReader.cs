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
            var key = reference.Length > 0 ? reference : $"\0{line.Number}";
            var named = reference.Length > 0 ? reference : null;

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

    internal static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            return StrictUtf8.GetString(content[3..]);
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Excel and WPS on Chinese Windows save CSV in the GB18030 family.
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }
}
