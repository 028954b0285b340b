using System.Text;

namespace Dibao.Verification.Host.Batches;

/// <summary>
/// RFC 4180 fields: commas, double-quoted fields with doubled quotes and line breaks inside. Lines end in CRLF, LF, or CR
/// alone as Excel's old "CSV (Macintosh)" writes them. Blank lines are skipped.
/// </summary>
internal static class CsvParser
{
    public static List<CsvLine> Parse(string text) => Parse(text, out _);

    /// <param name="brokenQuote">
    /// The first quote that breaks the file (its line, and its field's place on the line from 0): a quoted field the file
    /// never closes, whose every later row was read into that one field; or a quote inside a field that does not start
    /// with one, which RFC 4180 does not allow and spreadsheets never write (they quote the whole field and double the
    /// quote; one after blanks, as in <c>a, "b"</c>, still opens a field). Read as opening a quoted field, such a stray quote would take the rows after it into one field until the
    /// next stray quote closed it, and the households on them would be gone without a word; it is kept as a character
    /// instead, and named.
    /// </param>
    public static List<CsvLine> Parse(string text, out (int Line, int Column, bool NeverClosed)? brokenQuote)
    {
        var lines = new List<CsvLine>();
        brokenQuote = null;
        var quoteOpened = (Line: 1, Column: 0);
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var lineNumber = 1;
        var startLine = 1;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n' || (c == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n')))
                    {
                        lineNumber++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !IsBlank(field):
                    brokenQuote ??= (lineNumber, fields.Count, false);
                    field.Append(c);
                    break;
                case '"':
                    inQuotes = true;
                    quoteOpened = (lineNumber, fields.Count);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r':
                case '\n':
                    EndLine();
                    lineNumber++;
                    startLine = lineNumber;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        EndLine();
        if (inQuotes && brokenQuote is null)
        {
            brokenQuote = (quoteOpened.Line, quoteOpened.Column, true);
        }

        return lines;

        static bool IsBlank(StringBuilder field)
        {
            foreach (var chunk in field.GetChunks())
            {
                if (!chunk.Span.IsWhiteSpace())
                {
                    return false;
                }
            }

            return true;
        }

        void EndLine()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (fields.Exists(f => f.Trim().Length > 0))
            {
                lines.Add(new CsvLine(startLine, [.. fields]));
            }

            fields.Clear();
        }
    }

    /// <summary>The file's problem with a quote, named on the line and column where it is.</summary>
    public static SubmissionProblem QuoteProblem((int Line, int Column, bool NeverClosed) quote, IReadOnlyList<string> header) => new(
        quote.Line,
        null,
        quote.Line > 1 && quote.Column < header.Count ? header[quote.Column] : "header",
        null,
        quote.NeverClosed
            ? "这里开始的双引号没有闭合，其后的内容都被读进了同一个字段；请检查文件"
            : "字段中间出现了双引号：含双引号的字段须整个加引号，并把其中的双引号写成两个；请检查文件");
}
