using System.Text;

namespace Dibao.Verification.Host.Batches;

/// <summary>RFC 4180 fields: commas, double-quoted fields with doubled quotes and line breaks inside. Blank lines are skipped.</summary>
internal static class CsvParser
{
    public static List<CsvLine> Parse(string text) => Parse(text, out _);

    /// <param name="unclosedQuote">Where a quoted field opened that the file never closes (its line, and its place on the
    /// line from 0); everything after it was read into that one field, so nothing from there on can be trusted.</param>
    public static List<CsvLine> Parse(string text, out (int Line, int Column)? unclosedQuote)
    {
        var lines = new List<CsvLine>();
        unclosedQuote = null;
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
                    if (c == '\n')
                    {
                        lineNumber++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    quoteOpened = (lineNumber, fields.Count);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
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
        if (inQuotes)
        {
            unclosedQuote = quoteOpened;
        }

        return lines;

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

    /// <summary>The file's problem when a quote never closes, named on the line and column where it opened.</summary>
    public static SubmissionProblem UnclosedQuoteProblem((int Line, int Column) quote, IReadOnlyList<string> header) => new(
        quote.Line,
        null,
        quote.Line > 1 && quote.Column < header.Count ? header[quote.Column] : "header",
        null,
        "这里开始的双引号没有闭合，其后的内容都被读进了同一个字段；请检查文件");
}
