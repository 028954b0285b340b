using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>A refused batch's problems put back on the lines of the file they concern, so each is shown in place.</summary>
public sealed record UploadProblems(IReadOnlyList<string> Header, IReadOnlyList<UploadedRow> Rows, IReadOnlyList<string> General)
{
    public static UploadProblems Of(string text, IReadOnlyList<SubmissionProblem> problems)
    {
        var lines = CsvParser.Parse(text);
        var header = lines.Count > 0 ? lines[0].Fields.Select(f => f.Trim()).ToList() : [];
        var byLine = lines.ToDictionary(l => l.Number);
        var rows = problems.Where(p => p.Row is not null)
            .GroupBy(p => p.Row!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new UploadedRow(
                g.Key,
                byLine.TryGetValue(g.Key, out var line) ? line.Fields : [],
                g.Select(p => header.FindIndex(h => Same(h, p.Field))).Where(i => i >= 0).ToHashSet(),
                [.. g.Select(p => p.Message)]))
            .ToList();
        return new UploadProblems(header, rows, [.. problems.Where(p => p.Row is null).Select(p => p.Message)]);
    }

    /// <summary>A CSV column and a field as the checks name it: <c>id_number</c> and <c>idNumber</c> alike.</summary>
    private static bool Same(string column, string field) =>
        string.Equals(column.Replace("_", "", StringComparison.Ordinal), field.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
