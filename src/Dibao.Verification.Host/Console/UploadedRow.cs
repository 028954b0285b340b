namespace Dibao.Verification.Host.WebConsole;

/// <summary>A line of a refused upload, shown as the file has it, with what is wrong with it.</summary>
/// <param name="Line">The line or spreadsheet row, counting the header as 1.</param>
/// <param name="BadColumns">The columns (by position) a problem names.</param>
public sealed record UploadedRow(int Line, IReadOnlyList<string> Cells, IReadOnlySet<int> BadColumns, IReadOnlyList<string> Problems);
