using System.Text;

namespace Dibao.Verification.Host.Batches;

/// <summary>RFC 4180 fields: commas, double-quoted fields with doubled quotes and line breaks inside. Blank lines are skipped.</summary>
internal static class CsvParser
{
    public static List<CsvLine> Parse(string text)
    {
        var lines = new List<CsvLine>();
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
}
