using System.Xml;
using Dibao.Verification.Host.Batches;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dibao.Verification.Host.Exports;

/// <summary>
/// A batch's results as an Excel workbook, with the CSV export's columns and cells. Text is written as inline strings,
/// which Excel, WPS and LibreOffice show as they are and never evaluate, so a household reference submitted as
/// <c>=HYPERLINK(…)</c> stays text; one that starts like a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return) also gets the quote-prefix style, as Excel gives text typed after an apostrophe, so editing the cell
/// does not turn it into a formula either. The count of members and the per-capita figures are numbers.
/// </summary>
public static class BatchResultsXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SheetName = "核对结果";

    /// <summary>The columns written as numbers: members and the two per-capita figures.</summary>
    private static readonly HashSet<int> Numeric = [1, 3, 4];

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private const uint HeaderStyle = 1;
    private const uint QuotedStyle = 2;

    public static byte[] Write(BatchView batch)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

            var data = new SheetData();
            data.Append(Row(1, BatchResultsCsv.Header, header: true));
            uint number = 2;
            foreach (var cells in BatchResultsCsv.Rows(batch))
            {
                data.Append(Row(number++, cells, header: false));
            }

            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(
                new Columns(new Column { Min = 1, Max = (uint)BatchResultsCsv.Header.Count, Width = 22, CustomWidth = true }),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName }));
        }

        return output.ToArray();
    }

    private static Row Row(uint number, IEnumerable<string?> cells, bool header)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var value in cells)
        {
            row.Append(Cell(Reference(column, number), value, numeric: !header && Numeric.Contains(column), header));
            column++;
        }

        return row;
    }

    private static Cell Cell(string reference, string? value, bool numeric, bool header)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new Cell { CellReference = reference };
        }

        if (numeric)
        {
            return new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(value) };
        }

        var text = new string([.. value.Select(c => XmlConvert.IsXmlChar(c) ? c : '\uFFFD')]);
        return new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = header ? HeaderStyle : Array.IndexOf(FormulaStarts, value[0]) >= 0 ? QuotedStyle : null,
        };
    }

    /// <summary>A1-style reference; the export has fewer than 27 columns.</summary>
    private static string Reference(int column, uint row) => $"{(char)('A' + column)}{row}";

    /// <summary>Style 0 plain, 1 bold for the header, 2 quote-prefixed text.</summary>
    private static Stylesheet Styles() =>
        new(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { QuotePrefix = true }) { Count = 3 });
}
