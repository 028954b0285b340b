using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dibao.Verification.Host.Tests.Browser;

/// <summary>A one-sheet <c>.xlsx</c> as Excel saves it: text in the shared string table, cells addressed by reference.</summary>
public static class XlsxWorkbook
{
    public static byte[] Of(IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            uint number = 1;
            foreach (var values in rows)
            {
                var row = new Row { RowIndex = number };
                for (var c = 0; c < values.Count; c++)
                {
                    if (!index.TryGetValue(values[c], out var shared))
                    {
                        shared = index[values[c]] = index.Count;
                        strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(values[c])));
                    }

                    row.AppendChild(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{number}",
                        DataType = CellValues.SharedString,
                        CellValue = new CellValue(shared.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    });
                }

                data.AppendChild(row);
                number++;
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "名单" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }
}
