using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.StaffRelatives;

/// <summary>
/// Reads the CSV form of the register: columns <c>staff_user,id_number,relation</c> and optionally <c>jurisdiction</c> (the
/// import's when empty or absent), one relative per line, in the encodings a batch may come in.
/// </summary>
public static class StaffRelativeCsvReader
{
    public static readonly string[] Columns = ["staff_user", "id_number", "relation"];

    public const string JurisdictionColumn = "jurisdiction";

    /// <returns>Each row with its line number, or the header's problems.</returns>
    public static (IReadOnlyList<StaffRelativeRow> Rows, IReadOnlyList<SubmissionProblem> Problems) Read(ReadOnlySpan<byte> content)
    {
        var lines = CsvParser.Parse(CsvBatchReader.Decode(content), out var brokenQuote);
        if (lines.Count == 0)
        {
            return ([], [new SubmissionProblem(1, null, "header", null, "文件为空，缺少表头：" + string.Join(",", Columns))]);
        }

        var header = lines[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var problems = Columns.Where(c => !header.Contains(c)).Select(c => new SubmissionProblem(1, null, c, null, $"表头缺少列 {c}")).ToList();
        if (brokenQuote is { } quote)
        {
            problems.Add(CsvParser.QuoteProblem(quote, header));
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var jurisdiction = header.IndexOf(JurisdictionColumn);
        var rows = new List<StaffRelativeRow>(lines.Count - 1);
        foreach (var line in lines.Skip(1))
        {
            string Field(int index) => index >= 0 && index < line.Fields.Count ? line.Fields[index].Trim() : "";

            rows.Add(new StaffRelativeRow(
                line.Number,
                null,
                new StaffRelativeRequest(Field(header.IndexOf("staff_user")), Field(header.IndexOf("id_number")), Field(header.IndexOf("relation")), Field(jurisdiction))));
        }

        return (rows, []);
    }
}
