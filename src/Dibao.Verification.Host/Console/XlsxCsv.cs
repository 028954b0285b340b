using System.Globalization;
using System.IO.Compression;
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
    /// <summary>Excel's last column, XFD, and last row: a reference beyond them is no spreadsheet's, only a way to make empty fields.</summary>
    private const int MaxColumns = 16_384;

    private const int MaxRows = 1_048_576;

    /// <summary>Excel's limit of 64,000 cell formats, rounded up: more is no workbook's, only memory spent on the style list.</summary>
    private const int MaxFormats = 65_536;

    /// <summary>
    /// The characters any one part of the workbook may expand to, per byte of CSV the batch may take. A sheet spends about
    /// four characters of XML on each byte of the CSV it becomes with shared strings, five to six with inline strings
    /// (every cell's reference, type and tags around a short value), so eight times admits every workbook whose CSV would
    /// be accepted, and a zip bomb is read no further than the largest workbook that would be: some 400 million characters
    /// at the default 48 MiB, streamed, never held as a document. <see cref="PartCharactersBeyondCsv"/> is room for what a
    /// part holds whatever its rows (namespaces, the styles Excel always writes), so a small limit refuses no small workbook.
    /// </summary>
    private const int PartCharactersPerCsvByte = 8;

    private const int PartCharactersBeyondCsv = 1 << 20;

    /// <summary>
    /// The XML elements the whole workbook may hold, per byte of CSV the batch may take. A cell of plain values is two or
    /// three elements (<c>c</c> and <c>v</c>, or <c>c</c>, <c>is</c> and <c>t</c>) and takes at least three bytes of CSV
    /// (its quotes and a separator), a row one element and at least a byte, so one element a byte admits every such
    /// workbook whose CSV would be accepted. The characters of a part alone allowed two elements a byte (<c>&lt;v/&gt;</c>
    /// is four characters): some 100 million empty elements at the default 48 MiB, seconds of CPU each upload, that write
    /// nothing to the CSV and so were never refused as too large. <see cref="ElementsBeyondCsv"/> is room for the parts
    /// every workbook has whatever its rows (workbook, styles, the sheet's views and columns).
    /// </summary>
    private const int ElementsPerCsvByte = 1;

    private const int ElementsBeyondCsv = 1 << 16;

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Whether the content starts as a ZIP archive does, as every <c>.xlsx</c> does.</summary>
    public static bool LooksLikeXlsx(ReadOnlySpan<byte> content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <param name="content">The uploaded file.</param>
    /// <param name="maxCsvBytes">
    /// The most UTF-8 the CSV may take, the limit an uploaded CSV has (<c>Batches:MaxBodyBytes</c>): a small workbook can
    /// describe far more, as empty cells present across a million rows.
    /// </param>
    /// <exception cref="UnreadableWorkbookException">The content is not a workbook with a worksheet, or reads as more CSV than allowed.</exception>
    public static string Convert(byte[] content, long maxCsvBytes)
    {
        try
        {
            var maxPartCharacters = (PartCharactersPerCsvByte * maxCsvBytes) + PartCharactersBeyondCsv;
            RefuseOversizedEntries(content, maxPartCharacters);
            var elements = new ElementBudget((ElementsPerCsvByte * maxCsvBytes) + ElementsBeyondCsv);
            using var stream = new MemoryStream(content, writable: false);
            var settings = new OpenSettings { MaxCharactersInPart = maxPartCharacters };
            using var document = SpreadsheetDocument.Open(stream, isEditable: false, settings);
            var workbook = document.WorkbookPart ?? throw new UnreadableWorkbookException("工作簿中没有工作表");
            var (id, date1904) = FirstSheet(workbook, elements);

            // A chart sheet or a <sheet> naming no part is a workbook this reader cannot take rows from: refused as such,
            // not left to fail as a cast or a null further on.
            if (id is null || !workbook.TryGetPartById(id, out var part) || part is not WorksheetPart sheet)
            {
                throw new UnreadableWorkbookException("第一个工作表不是普通工作表");
            }

            var strings = workbook.SharedStringTablePart is { } table ? SharedStrings(table, maxCsvBytes, elements) : [];
            var dateStyles = workbook.WorkbookStylesPart is { } styles ? DateStyles(styles, elements) : [];
            return Rows(sheet, strings, dateStyles, date1904, maxCsvBytes, elements);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidOperationException or ArgumentException or KeyNotFoundException or XmlException
            or InvalidDataException)
        {
            throw new UnreadableWorkbookException("不是有效的 .xlsx 文件", ex);
        }
    }

    /// <summary>
    /// Holds every entry of the zip to what any part may expand to, before the package is opened: the package's own parts
    /// (<c>[Content_Types].xml</c>, the <c>.rels</c>) are read whole as it opens, where the SDK's bound on a part does not
    /// reach. The size an entry declares binds it, as .NET refuses an entry that inflates past it; a character is at most
    /// three bytes of UTF-8.
    /// </summary>
    private static void RefuseOversizedEntries(byte[] content, long maxPartCharacters)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Any(e => e.Length > 3 * maxPartCharacters))
        {
            throw new UnreadableWorkbookException("工作簿的部件超过批次上限，请拆分成几个批次上传");
        }
    }

    /// <summary>The first sheet's relationship id and whether the workbook counts days from 1904.</summary>
    private static (string? Id, bool Date1904) FirstSheet(WorkbookPart workbook, ElementBudget elements)
    {
        var date1904 = false;
        using var reader = OpenXmlReader.Create(workbook);
        while (elements.Read(reader))
        {
            if (reader.IsStartElement && reader.ElementType == typeof(WorkbookProperties))
            {
                date1904 = Attribute(reader, "date1904") is "1" or "true";
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(Sheet))
            {
                return (Attribute(reader, "id", RelationshipsNamespace), date1904);
            }
        }

        throw new UnreadableWorkbookException("工作簿中没有工作表");
    }

    /// <summary>
    /// The shared strings, read as a stream. Every string a saved workbook keeps is in some cell, so it takes at least its
    /// characters and a field's quotes and separator in the CSV: a table larger than that is refused before it is held.
    /// </summary>
    private static List<string> SharedStrings(SharedStringTablePart part, long maxCsvBytes, ElementBudget elements)
    {
        var strings = new List<string>();
        var text = new StringBuilder();
        var phonetic = 0;
        var size = 0L;
        using var reader = OpenXmlReader.Create(part);
        while (elements.Read(reader))
        {
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    text.Clear();
                    phonetic = 0;
                }
                else
                {
                    size += text.Length + 3;
                    strings.Add(text.ToString());
                }
            }
            else
            {
                ReadText(reader, text, ref phonetic);
            }

            if (size + text.Length > maxCsvBytes)
            {
                throw new UnreadableWorkbookException("工作簿的文字超过批次上限，请拆分成几个批次上传");
            }
        }

        return strings;
    }

    /// <summary>
    /// The text of a string item or inline string: its <c>t</c> and its runs' <c>t</c>, without the phonetic guide
    /// (<c>rPh</c>, the reading Excel and WPS keep for names typed through an input method), which is shown above the text,
    /// not in it.
    /// </summary>
    private static void ReadText(OpenXmlReader reader, StringBuilder text, ref int phonetic)
    {
        if (reader.ElementType == typeof(PhoneticRun))
        {
            phonetic += reader.IsStartElement ? 1 : -1;
        }
        else if (reader.ElementType == typeof(Text) && reader.IsStartElement && phonetic == 0)
        {
            text.Append(reader.GetText());
        }
    }

    /// <summary>The indexes of the cell formats that show a date: the built-in date formats and custom ones with a year and a day.</summary>
    private static HashSet<uint> DateStyles(WorkbookStylesPart part, ElementBudget elements)
    {
        var customDates = new HashSet<uint>();
        var formats = new List<uint>();
        var inNumberingFormats = false;
        var inCellFormats = false;
        using var reader = OpenXmlReader.Create(part);
        while (elements.Read(reader))
        {
            if (reader.ElementType == typeof(NumberingFormats))
            {
                inNumberingFormats = reader.IsStartElement;
            }
            else if (reader.ElementType == typeof(CellFormats))
            {
                inCellFormats = reader.IsStartElement;
            }
            else if (reader.IsStartElement && inNumberingFormats && reader.ElementType == typeof(NumberingFormat)
                && Attribute(reader, "formatCode") is { } code && code.Contains('y', StringComparison.OrdinalIgnoreCase) && code.Contains('d', StringComparison.OrdinalIgnoreCase)
                && uint.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var custom))
            {
                customDates.Add(custom);
            }
            else if (reader.IsStartElement && inCellFormats && reader.ElementType == typeof(CellFormat))
            {
                formats.Add(uint.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0);
            }

            if (formats.Count > MaxFormats || customDates.Count > MaxFormats)
            {
                throw new UnreadableWorkbookException("工作簿的单元格格式超过 Excel 的上限");
            }
        }

        return [.. formats.Select((id, index) => (Id: id, Index: (uint)index))
            .Where(f => f.Id is >= 14 and <= 17 or 22 or >= 27 and <= 36 or >= 50 and <= 58 || customDates.Contains(f.Id))
            .Select(f => f.Index)];
    }

    /// <summary>
    /// The sheet's rows as CSV, read as a stream, so only one row's cells are held at a time; the CSV is refused as soon as
    /// it would take more than <paramref name="maxCsvBytes"/>.
    /// </summary>
    private static string Rows(WorksheetPart sheet, List<string> strings, HashSet<uint> dateStyles, bool date1904, long maxCsvBytes, ElementBudget elements)
    {
        var csv = new StringBuilder();
        var size = 0L;
        var line = 1;
        var cells = new SortedDictionary<int, string>();
        var cellCharacters = 0L;
        var next = 0;
        var column = 0;
        string? type = null;
        string? style = null;
        var value = "";
        var text = new StringBuilder();
        var inline = false;
        var phonetic = 0;

        void Grow(long bytes)
        {
            size += bytes;
            if (size > maxCsvBytes)
            {
                throw new UnreadableWorkbookException("工作表转换成的 CSV 超过批次上限，请拆分成几个批次上传");
            }
        }

        using var reader = OpenXmlReader.Create(sheet);
        while (elements.Read(reader))
        {
            if (reader.ElementType == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    var number = RowNumber(Attribute(reader, "r"), line);
                    if (number < line)
                    {
                        // Line N of the CSV is row N of the sheet, which names a refused row to the caseworker as the
                        // spreadsheet shows it; a row out of order would be written on another row's line.
                        throw new UnreadableWorkbookException($"工作表的第{number}行排在第{line - 1}行之后，行须按行号顺序保存");
                    }

                    if (number > line)
                    {
                        Grow(number - line);
                        csv.Append('\n', number - line);
                        line = number;
                    }

                    cells.Clear();
                    cellCharacters = 0;
                    next = 0;
                }
                else
                {
                    var width = cells.Count == 0 ? 0 : cells.Keys.Last() + 1;
                    var fields = new string[width];
                    long bytes = Math.Max(width, 1); // the commas between the fields and the line's end
                    for (var c = 0; c < width; c++)
                    {
                        fields[c] = cells.TryGetValue(c, out var cell) ? Quote(cell) : "\"\"";
                        bytes += cell is null ? 2 : Encoding.UTF8.GetByteCount(fields[c]);
                    }

                    Grow(bytes);
                    csv.AppendJoin(',', fields).Append('\n');
                    line++;
                }
            }
            else if (reader.ElementType == typeof(Cell))
            {
                if (reader.IsStartElement)
                {
                    column = Attribute(reader, "r") is { } reference ? ColumnOf(reference) : next;
                    if (column >= MaxColumns)
                    {
                        throw new UnreadableWorkbookException("单元格超出 Excel 的最后一列 XFD");
                    }

                    type = Attribute(reader, "t");
                    style = Attribute(reader, "s");
                    value = "";
                    text.Clear();
                    phonetic = 0;
                }
                else
                {
                    var shown = Text(type, style, value, text, strings, dateStyles, date1904);
                    cellCharacters += shown.Length;
                    if (size + cellCharacters > maxCsvBytes)
                    {
                        throw new UnreadableWorkbookException("工作表转换成的 CSV 超过批次上限，请拆分成几个批次上传");
                    }

                    cells[column] = shown;
                    next = column + 1;
                }
            }
            else if (reader.ElementType == typeof(CellValue) && reader.IsStartElement)
            {
                value = reader.GetText();
            }
            else if (reader.ElementType == typeof(InlineString))
            {
                inline = reader.IsStartElement;
            }
            else if (inline)
            {
                ReadText(reader, text, ref phonetic);
            }
        }

        return csv.ToString();
    }

    /// <summary>The row's number as written, or the one after the last for a row that gives none; past Excel's last row it is refused.</summary>
    private static int RowNumber(string? r, int line) =>
        (r is null ? line : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0) is var row and >= 1 and <= MaxRows
            ? row
            : throw new UnreadableWorkbookException("行号超出 Excel 的行号范围 1 至 1048576");

    /// <summary>An attribute of the element the reader is on, by its name and namespace (none for SpreadsheetML's own).</summary>
    private static string? Attribute(OpenXmlReader reader, string name, string ns = "")
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == name && attribute.NamespaceUri == ns)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    private static string Text(string? type, string? style, string raw, StringBuilder inline, List<string> strings, HashSet<uint> dateStyles, bool date1904)
    {
        if (type == "s")
        {
            // A cell naming a string the table lacks is a broken workbook: read as empty, a declared amount would vanish.
            return raw.Length == 0 ? ""
                : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? strings[index]
                : throw new UnreadableWorkbookException("单元格引用的共享字符串不存在，工作簿已损坏");
        }

        if (type == "inlineStr")
        {
            return inline.ToString();
        }

        // Excel leaves a number's type out; openpyxl and others write it as "n". Either way the format makes it a date.
        if (type is null or "n" && uint.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var format) && dateStyles.Contains(format)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            // A workbook made on an old Mac counts its days from 1904-01-01, 1,462 days after the 1900 system's day 0.
            return DateTime.FromOADate(date1904 ? serial + Days1904 : serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (type == "d")
        {
            return IsoDay(raw);
        }

        return type is null or "n" ? Number(raw) : raw;
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

    /// <summary>The column of a reference such as <c>AB12</c>, counted from 0; past XFD it is refused, not counted.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > MaxColumns)
            {
                throw new UnreadableWorkbookException("单元格超出 Excel 的最后一列 XFD");
            }
        }

        return column > 0 ? column - 1 : throw new UnreadableWorkbookException("单元格引用没有列");
    }

    /// <summary>The elements read so far from every part of the workbook, refused past the budget before any more is read.</summary>
    private sealed class ElementBudget(long max)
    {
        private long _read;

        public bool Read(OpenXmlReader reader)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.IsStartElement && ++_read > max)
            {
                throw new UnreadableWorkbookException("工作簿中的单元格、行等元素多于批次上限所能容纳的，请拆分成几个批次上传");
            }

            return true;
        }
    }

    /// <summary>Every field quoted; a line break inside a cell becomes a space, so lines stay rows.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
