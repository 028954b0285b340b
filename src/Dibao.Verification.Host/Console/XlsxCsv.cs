using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// The first worksheet of an <c>.xlsx</c> workbook (Excel or WPS) as the CSV text of a batch, line N holding row N, so the
/// batch's own reader checks it and names rows as the spreadsheet numbers them. Dates become <c>yyyy-MM-dd</c>; numbers
/// read as Excel shows them (<see cref="Number"/>).
/// </summary>
public static class XlsxCsv
{
    /// <summary>Whether the content starts as a ZIP archive does, as every <c>.xlsx</c> does.</summary>
    public static bool LooksLikeXlsx(ReadOnlySpan<byte> content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <exception cref="InvalidDataException">The content is not a workbook with a worksheet.</exception>
    public static string Convert(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("工作簿中没有工作表");
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("工作簿中没有工作表");
            // A chart sheet or a <sheet> naming no part is a workbook this reader cannot take rows from: refused as such,
            // not left to fail as a cast or a null further on.
            var id = first.Id?.Value ?? throw new InvalidDataException("第一个工作表没有对应的部件");
            if (!workbook.TryGetPartById(id, out var part) || part is not WorksheetPart sheet)
            {
                throw new InvalidDataException("第一个工作表不是普通工作表");
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
            var date1904 = workbook.Workbook.WorkbookProperties?.Date1904?.Value == true;

            var csv = new StringBuilder();
            var line = 1;
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var number = (int)(row.RowIndex?.Value ?? (uint)line);
                for (; line < number; line++)
                {
                    csv.Append('\n');
                }

                var cells = new SortedDictionary<int, string>();
                var next = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : next;
                    cells[column] = Text(cell, strings, dateStyles, date1904);
                    next = column + 1;
                }

                var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
                csv.AppendJoin(',', Enumerable.Range(0, width).Select(c => Quote(cells.GetValueOrDefault(c, ""))));
                csv.Append('\n');
                line++;
            }

            return csv.ToString();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidOperationException or ArgumentException or KeyNotFoundException or XmlException)
        {
            throw new InvalidDataException("不是有效的 .xlsx 文件", ex);
        }
    }

    private static string Text(Cell cell, List<string> strings, HashSet<uint> dateStyles, bool date1904)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? strings[index] : "";
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (cell.DataType is null && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            // A workbook made on an old Mac counts its days from 1904-01-01, 1,462 days after the 1900 system's day 0.
            return DateTime.FromOADate(date1904 ? serial + Days1904 : serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (cell.DataType?.Value == CellValues.Date)
        {
            return IsoDay(raw);
        }

        return cell.DataType is null || cell.DataType.Value == CellValues.Number ? Number(raw) : raw;
    }

    /// <summary>
    /// A number as Excel shows it, not as it stores it. Excel keeps 15 significant digits but writes the nearest double in
    /// up to 17, so a typed 19.99 is stored as 19.989999999999998 and 0.07 as 7.0000000000000007E-2, which the batch
    /// check refuses (two decimals at most, no exponent); rounded to 15 digits and written without an exponent they read
    /// as typed. A plain integer is kept as written: it is exact, and an 18-digit identity number a program stored as a
    /// number must stay itself. From 10^15 up a number written any other way has lost digits Excel could not keep (an
    /// identity number typed as a number is stored as 2.20105199001011E+17), so it is kept as written for the batch check
    /// to refuse rather than padded with zeros into another identity number that may look valid.
    /// </summary>
    private static string Number(string raw)
    {
        if (raw.Length == 0 || IsPlainInteger(raw)
            || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || Math.Abs(value) >= 1e15)
        {
            return raw;
        }

        if (value == 0)
        {
            return "0";
        }

        // G15 writes an exponent below 1e-5 ("1E-05") and where rounding reaches 1e15 ("1E+15").
        var shown = value.ToString("G15", CultureInfo.InvariantCulture);
        var e = shown.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return shown;
        }

        var negative = shown[0] == '-';
        var digits = shown[(negative ? 1 : 0)..e].Replace(".", "", StringComparison.Ordinal);
        var whole = int.Parse(shown[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + 1;
        var plain = whole <= 0 ? "0." + new string('0', -whole) + digits
            : whole >= digits.Length ? digits + new string('0', whole - digits.Length)
            : digits[..whole] + "." + digits[whole..];
        return (negative ? "-" : "") + plain;
    }

    private static bool IsPlainInteger(string raw)
    {
        var digits = raw.AsSpan(raw[0] == '-' ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private const double Days1904 = 1462;

    /// <summary>
    /// The day of an ISO 8601 date cell (<c>t="d"</c>, as LibreOffice and some generators write dates): its calendar date as
    /// written, any time of day and zone dropped, since the date a caseworker typed is the one on the form.
    /// </summary>
    private static string IsoDay(string raw) =>
        raw.Length >= 10 && (raw.Length == 10 || raw[10] == 'T')
        && DateOnly.TryParseExact(raw[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : raw;

    /// <summary>The cell formats that show a date: the built-in date formats and custom ones with a year and a day.</summary>
    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value is { } code && code.Contains('y', StringComparison.OrdinalIgnoreCase) && code.Contains('d', StringComparison.OrdinalIgnoreCase))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        var formats = styles?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        return [.. formats.Select((f, i) => (Id: f.NumberFormatId?.Value ?? 0, Index: (uint)i))
            .Where(f => f.Id is >= 14 and <= 17 or 22 or >= 27 and <= 36 or >= 50 and <= 58 || custom.Contains(f.Id))
            .Select(f => f.Index)];
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column - 1;
    }

    /// <summary>Every field quoted; a line break inside a cell becomes a space, so lines stay rows.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
