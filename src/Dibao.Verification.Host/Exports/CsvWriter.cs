using System.Text;

namespace Dibao.Verification.Host.Exports;

/// <summary>
/// Writes the CSV files the hub hands out, which offices open in Excel or WPS: every CSV the hub writes goes through here.
/// A cell that a spreadsheet would take for a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return) is prefixed with a single quote, as OWASP advises against CSV injection: a household reference
/// submitted as <c>=HYPERLINK(…)</c> must come back as text, not run on a reviewer's machine. A cell holding a comma, a
/// double quote or a line break is quoted, its quotes doubled (RFC 4180). Lines end with CRLF.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedQuotes = [',', '"', '\r', '\n'];

    /// <summary>UTF-8 with a byte order mark, without which Excel reads Chinese as its legacy code page.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public const string ContentType = "text/csv; charset=utf-8";

    public Task WriteRowAsync(params IEnumerable<string?> cells) =>
        writer.WriteAsync(string.Join(',', cells.Select(Cell)) + "\r\n");

    /// <summary>One cell as it is written: neutralised, then quoted when it must be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
