using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.WebConsole;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>An .xlsx as Excel and WPS save it, read as the batch's CSV: rows keep the spreadsheet's numbers, dates their day.</summary>
public sealed class XlsxCsvTests
{
    [Fact]
    public void Rows_keep_their_numbers_across_a_blank_row_and_a_date_cell_reads_as_its_day()
    {
        var csv = Convert(Workbook(
            new Row(Text("A1", "household_ref"), Text("B1", "consent_ref"), Text("C1", "id_number"), Text("D1", "name"), Text("E1", "relation"), Text("F1", "consent_signed_on")) { RowIndex = 1 },
            // Row 2 left empty, as after a deleted line; the cells of row 3 skip column B, as Excel skips an empty cell.
            new Row(Text("A3", "H-1"), Text("C3", "220105"), Text("D3", "张三"), Text("E3", "self"), Date("F3", new DateTime(2026, 11, 1))) { RowIndex = 3 }));

        var result = CsvBatchReader.Read(System.Text.Encoding.UTF8.GetBytes(csv), "220105001", "new-application", new DateOnly(2026, 11, 15));

        result.Problems.ShouldBeEmpty();
        var household = result.Request!.Households!.ShouldHaveSingleItem();
        household.SourceLines.ShouldBe([3]);
        household.ConsentSignedOn.ShouldBe(new DateOnly(2026, 11, 1));
        household.Members!.ShouldHaveSingleItem().Name.ShouldBe("张三");
        csv.Split('\n')[2].ShouldBe("\"H-1\",\"\",\"220105\",\"张三\",\"self\",\"2026-11-01\"");
    }

    [Fact]
    public void A_date_in_a_workbook_counting_from_1904_reads_as_its_day()
    {
        var signedOn = new DateTime(2026, 11, 1);
        var serial = (signedOn - new DateTime(1904, 1, 1)).TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var csv = Convert(Workbook(
            workbook => workbook.Workbook.InsertAt(new WorkbookProperties { Date1904 = true }, 0),
            new Row(new Cell { CellReference = "A1", StyleIndex = 1, CellValue = new CellValue(serial) }) { RowIndex = 1 }));

        csv.ShouldBe("\"2026-11-01\"\n");
    }

    [Fact]
    public void A_date_cell_typed_as_a_number_reads_as_its_day()
    {
        // openpyxl, and other writers than Excel, give every number cell t="n", dates included.
        var cell = Date("A1", new DateTime(2026, 11, 1));
        cell.DataType = CellValues.Number;

        Convert(Workbook(new Row(cell) { RowIndex = 1 })).ShouldBe("\"2026-11-01\"\n");
    }

    [Fact]
    public void An_iso_date_cell_reads_as_its_day()
    {
        var csv = Convert(Workbook(
            new Row(new Cell { CellReference = "A1", DataType = CellValues.Date, CellValue = new CellValue("2026-11-01T00:00:00") }) { RowIndex = 1 }));

        csv.ShouldBe("\"2026-11-01\"\n");
    }

    [Theory]
    [InlineData("19.989999999999998", "19.99")]
    [InlineData("7.0000000000000007E-2", "0.07")]
    [InlineData("1.0000000000000001E-5", "0.00001")]
    [InlineData("-3.3000000000000003", "-3.3")]
    [InlineData("999999999999999.8", "1000000000000000")]
    [InlineData("1200.5", "1200.5")]
    [InlineData("46327", "46327")]
    // An identity number a program stored as a number keeps its digits; one Excel stored (15 digits kept) is left as
    // written for the batch check to refuse, not padded with zeros into another number.
    [InlineData("220105199001011234", "220105199001011234")]
    [InlineData("2.20105199001011E+17", "2.20105199001011E+17")]
    public void A_number_reads_as_Excel_shows_it(string stored, string shown)
    {
        Convert(Workbook(new Row(Number("A1", stored), Number("B1", stored, CellValues.Number)) { RowIndex = 1 }))
            .ShouldBe($"\"{shown}\",\"{shown}\"\n");
    }

    [Fact]
    public void Declared_amounts_Excel_stored_in_17_digits_pass_the_batch_check()
    {
        var csv = Convert(Workbook(
            new Row(Text("A1", "household_ref"), Text("B1", "consent_ref"), Text("C1", "id_number"), Text("D1", "name"), Text("E1", "relation"), Text("F1", "declared_income"), Text("G1", "declared_assets")) { RowIndex = 1 },
            new Row(Text("A2", "H-1"), Text("B2", "C-1"), Text("C2", "220105199001011234"), Text("D2", "张三"), Text("E2", "self"), Number("F2", "19.989999999999998"), Number("G2", "7.0000000000000007E-2")) { RowIndex = 2 }));

        var result = CsvBatchReader.Read(System.Text.Encoding.UTF8.GetBytes(csv), "220105001", "new-application", new DateOnly(2026, 11, 15));

        result.Problems.ShouldBeEmpty();
        var member = result.Request!.Households!.ShouldHaveSingleItem().Members!.ShouldHaveSingleItem();
        member.DeclaredMonthlyIncome.ShouldBe(19.99m);
        member.DeclaredFinancialAssets.ShouldBe(0.07m);
    }

    [Fact]
    public void A_name_with_its_phonetic_reading_reads_as_the_name_alone()
    {
        static PhoneticRun Reading() => new(new Text("zhangsan")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 };
        var csv = Convert(Workbook(
            workbook => workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(new SharedStringItem(new Text("张三"), Reading())),
            new Row(
                new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") },
                new Cell { CellReference = "B1", DataType = CellValues.InlineString, InlineString = new InlineString(new Run(new Text("张")), new Run(new Text("三")), Reading()) }) { RowIndex = 1 }));

        csv.ShouldBe("\"张三\",\"张三\"\n");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("x")]
    public void A_cell_naming_a_shared_string_the_table_lacks_is_refused_not_read_as_empty(string index) =>
        Should.Throw<UnreadableWorkbookException>(() => Convert(Workbook(
            workbook => workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(new SharedStringItem(new Text("张三"))),
            new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue(index) }) { RowIndex = 1 })));

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused_as_such()
    {
        byte[] zipButNotXlsx = [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0];
        XlsxCsv.LooksLikeXlsx(zipButNotXlsx).ShouldBeTrue();
        Should.Throw<UnreadableWorkbookException>(() => Convert(zipButNotXlsx));
    }

    [Fact]
    public void A_workbook_whose_first_sheet_is_a_chart_is_refused_as_unreadable()
    {
        var content = Workbook(workbook =>
        {
            var chart = workbook.AddNewPart<ChartsheetPart>();
            chart.Chartsheet = new Chartsheet(new ChartSheetViews(new ChartSheetView { WorkbookViewId = 0 }));
            workbook.Workbook.Sheets!.InsertAt(new Sheet { Id = workbook.GetIdOfPart(chart), SheetId = 2, Name = "图表" }, 0);
        });

        Should.Throw<UnreadableWorkbookException>(() => Convert(content));
    }

    [Fact]
    public void A_first_sheet_naming_no_part_is_refused_as_unreadable()
    {
        var content = Workbook(workbook => workbook.Workbook.Sheets!.GetFirstChild<Sheet>()!.Id = null);

        Should.Throw<UnreadableWorkbookException>(() => Convert(content));
    }

    [Fact]
    public void A_sheet_of_malformed_xml_is_refused_as_unreadable()
    {
        var content = Replace(Workbook(new Row(Text("A1", "household_ref")) { RowIndex = 1 }), "xl/worksheets/",
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"></row>");

        Should.Throw<UnreadableWorkbookException>(() => Convert(content));
    }

    [Theory]
    [InlineData("XFE1")]
    [InlineData("AAAA1")]
    public void A_cell_past_the_last_column_is_refused_as_unreadable(string reference)
    {
        var content = Workbook(new Row(Text("A1", "household_ref"), Text(reference, "x")) { RowIndex = 1 });

        Should.Throw<UnreadableWorkbookException>(() => Convert(content));
    }

    /// <summary>The old reader wrote a field for every column up to ZZZZZZ, 321 million of them, for one cell.</summary>
    [Fact]
    public void A_cell_far_past_the_last_column_is_refused_before_its_empty_fields_are_written()
    {
        var content = Workbook(new Row(Text("ZZZZZZ1", "x")) { RowIndex = 1 });

        Should.Throw<UnreadableWorkbookException>(() => Convert(content));
    }

    [Theory]
    [InlineData(1_048_577u)]
    [InlineData(0u)]
    public void A_row_numbered_outside_the_sheet_is_refused_as_unreadable(uint number)
    {
        var content = Workbook(new Row(Text("A1", "household_ref")) { RowIndex = number });

        Should.Throw<UnreadableWorkbookException>(() => Convert(content));
    }

    [Theory]
    [InlineData(3u, 2u)]
    [InlineData(2u, 2u)]
    public void A_row_stored_before_a_row_it_follows_is_refused_as_unreadable(uint first, uint second)
    {
        var content = Workbook(
            new Row(Text("A1", "household_ref")) { RowIndex = 1 },
            new Row(Text("A" + first, "H-2")) { RowIndex = first },
            new Row(Text("A" + second, "H-1")) { RowIndex = second });

        Should.Throw<UnreadableWorkbookException>(() => Convert(content)).Message.ShouldContain($"第{second}行");
    }

    [Fact]
    public void A_sheet_reads_while_its_csv_fits_the_batch_limit_and_is_refused_a_byte_over()
    {
        // A gap of rows, a cell without a reference after one with, a quote and Chinese text: each counted as the CSV takes it.
        var content = Workbook(
            new Row(Text("A1", "household_ref"), new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text("名\"字")) }) { RowIndex = 1 },
            new Row(Text("C4", "张三")) { RowIndex = 4 });
        var csv = Convert(content);
        csv.ShouldBe("\"household_ref\",\"名\"\"字\"\n\n\n\"\",\"\",\"张三\"\n");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(csv);

        XlsxCsv.Convert(content, bytes).ShouldBe(csv);
        Should.Throw<UnreadableWorkbookException>(() => XlsxCsv.Convert(content, bytes - 1));
    }

    [Fact]
    public void A_sheet_of_empty_cells_reading_as_more_csv_than_a_batch_may_take_is_refused()
    {
        // One empty cell in the last column is 16,384 empty fields: 48 KiB of CSV from a file of a few hundred bytes.
        var content = Workbook(new Row(new Cell { CellReference = "XFD1" }) { RowIndex = 1 });

        Convert(content).Length.ShouldBe((16_384 * 3) - 1 + 1);
        Should.Throw<UnreadableWorkbookException>(() => XlsxCsv.Convert(content, 40_000));
    }

    [Fact]
    public void A_part_expanding_past_its_bound_is_refused_before_it_is_read_whole()
    {
        // A formula of 2 million characters in a cell whose CSV is 4 bytes: as a zip bomb's sheet, a few KiB once compressed.
        var content = Workbook(new Row(new Cell { CellReference = "A1", CellFormula = new CellFormula(new string('A', 2_000_000)), CellValue = new CellValue("1") }) { RowIndex = 1 });

        Convert(content).ShouldBe("\"1\"\n");
        Should.Throw<UnreadableWorkbookException>(() => XlsxCsv.Convert(content, 1_000));
    }

    [Fact]
    public void A_package_part_expanding_past_the_bound_of_any_part_is_refused_before_the_package_opens()
    {
        // The content types are read whole when the package opens, before the SDK bounds a part: 4 MiB of them from a file
        // of a few KiB, as a zip bomb's would be, against a bound of about 3 MiB at a 1,000-byte batch.
        var content = Workbook(new Row(Text("A1", "household_ref")) { RowIndex = 1 });
        string types;
        using (var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read))
        using (var reader = new StreamReader(zip.GetEntry("[Content_Types].xml")!.Open()))
        {
            types = reader.ReadToEnd();
        }

        var padded = Replace(content, "[Content_Types].xml", types.Replace("</Types>", "<!--" + new string('x', 4 << 20) + "--></Types>", StringComparison.Ordinal));

        Convert(padded).ShouldBe("\"household_ref\"\n");
        Should.Throw<UnreadableWorkbookException>(() => XlsxCsv.Convert(padded, 1_000)).Message.ShouldContain("部件");
    }

    [Fact]
    public void A_shared_string_table_holding_more_text_than_a_batch_may_take_is_refused()
    {
        var content = Workbook(
            workbook => workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(new SharedStringItem(new Text(new string('字', 5_000)))),
            new Row(Text("A1", "household_ref")) { RowIndex = 1 });

        Convert(content).ShouldBe("\"household_ref\"\n");
        Should.Throw<UnreadableWorkbookException>(() => XlsxCsv.Convert(content, 2_000));
    }

    /// <summary>
    /// Two million empty values in one cell: 8 MB of XML, a few KiB once compressed, within what a part may expand to at a
    /// 1 MB batch, and one empty field of CSV. The old reader read every one of them and took the workbook.
    /// </summary>
    [Fact]
    public void A_sheet_of_millions_of_empty_elements_is_refused_for_its_elements_though_its_csv_is_small()
    {
        var sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\">"
            + string.Concat(Enumerable.Repeat("<v/>", 2_000_000)) + "</c></row></sheetData></worksheet>";
        var content = Replace(Workbook(new Row(Text("A1", "household_ref")) { RowIndex = 1 }), "xl/worksheets/", sheet);

        content.Length.ShouldBeLessThan(100_000);
        Should.Throw<UnreadableWorkbookException>(() => XlsxCsv.Convert(content, 1_000_000)).Message
            .ShouldBe("工作簿中的单元格、行等元素多于批次上限所能容纳的，请拆分成几个批次上传");
    }

    /// <summary>Read under the hub's default limit, as the upload page reads it.</summary>
    private static string Convert(byte[] content) => XlsxCsv.Convert(content, new BatchLimits().MaxBodyBytes);

    private static Cell Text(string reference, string text) => new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    /// <summary>A number as the file stores it, in a cell of the default format.</summary>
    private static Cell Number(string reference, string stored, CellValues? type = null) =>
        new() { CellReference = reference, DataType = type, CellValue = new CellValue(stored) };

    /// <summary>A date as Excel stores it: the day's serial number, in a cell whose format (built-in 14) shows a date.</summary>
    private static Cell Date(string reference, DateTime day) =>
        new() { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(day.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    private static byte[] Workbook(params Row[] rows) => Workbook(_ => { }, rows);

    /// <summary>A workbook of one sheet holding the rows, then changed by <paramref name="change"/> before it is saved.</summary>
    private static byte[] Workbook(Action<WorkbookPart> change, params Row[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(rows));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" }));
            change(workbook);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The workbook with the text of its one entry under <paramref name="folder"/> replaced, as a broken or hostile file has it.</summary>
    private static byte[] Replace(byte[] content, string folder, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(content);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && !e.FullName.Contains("/_rels/", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new System.Text.UTF8Encoding(false));
            writer.Write(text);
        }

        return stream.ToArray();
    }
}
