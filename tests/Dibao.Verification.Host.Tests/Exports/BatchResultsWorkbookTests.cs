using System.Net;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Exports;
using Dibao.Verification.Host.Tests.EndToEnd;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.Exports;

/// <summary>The results as an Excel workbook, downloaded over HTTP and read back cell by cell as a spreadsheet would.</summary>
public sealed class BatchResultsWorkbookTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_batch_exports_as_a_workbook_of_the_CSV_columns_whose_formula_shaped_text_no_spreadsheet_evaluates()
    {
        await using var hub = await RunningHub.StartAsync();
        string[] shaped = ["=HYPERLINK(\"http://evil.example/\",\"点此\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"];
        var households = hub.Sandbox.Population.Households(start: 60).Take(shaped.Length + 1).ToList();
        for (var i = 0; i < shaped.Length; i++)
        {
            households[i] = households[i] with { HouseholdRef = shaped[i] };
        }

        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var view = await hub.WaitForCompletionAsync(location);

        using var response = await hub.Client.GetAsync(new Uri($"{location}/results.xlsx", UriKind.RelativeOrAbsolute));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(BatchResultsXlsx.ContentType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        workbook.Workbook.Descendants<Sheet>().Single().Name!.Value.ShouldBe(BatchResultsXlsx.SheetName);
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        sheet.Descendants<CellFormula>().ShouldBeEmpty("nothing in the workbook is a formula");
        var rows = sheet.Descendants<Row>().ToList();
        rows.Count.ShouldBe(households.Count + 1);
        rows[0].Elements<Cell>().Select(Text).ShouldBe(BatchResultsCsv.Header);

        var quoted = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        foreach (var (household, row) in view.Households.Zip(rows.Skip(1)))
        {
            var cells = row.Elements<Cell>().ToList();
            var reference = cells[0];
            reference.DataType!.Value.ShouldBe(CellValues.InlineString, household.Ref);
            Text(reference).ShouldBe(household.Ref, "the text comes back exactly as submitted");
            var formulaShaped = "=+-@".Contains(household.Ref[0], StringComparison.Ordinal);
            (quoted[(int)(reference.StyleIndex?.Value ?? 0)].QuotePrefix?.Value ?? false).ShouldBe(formulaShaped, household.Ref);

            // Members and per-capita figures are numbers a spreadsheet can sum; the rest is text, as in the CSV.
            cells[1].DataType!.Value.ShouldBe(CellValues.Number);
            decimal.Parse(cells[1].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(household.Members);
            Text(cells[2]).ShouldBe(household.Verification.Outcome);
            if (household.Verification.PerCapitaMonthlyIncome is { } income)
            {
                cells[3].DataType!.Value.ShouldBe(CellValues.Number);
                decimal.Parse(cells[3].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(income);
            }

            Text(cells[5]).ShouldBe(string.Join(' ', household.Verification.Reasons.Select(r => r.Code).Distinct()));
        }

        // Read like the CSV export: audited for its reader, and refused outside the township.
        (await hub.Client.GetAsync(new Uri($"{location}/results.csv", UriKind.RelativeOrAbsolute))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.ClientAs(HubRoles.TownshipCaseworker, "220105002", "neighbour-01").GetAsync(new Uri($"{location}/results.xlsx", UriKind.RelativeOrAbsolute)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var reads = await hub.QueryDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Kind == AuditKinds.Read && e.Subject == $"batch:{view.BatchId}").ToListAsync());
        reads.ShouldContain(e => e.User == RunningHub.Caseworker && e.Detail == $"GET /api/v1/batches/{view.BatchId}/results.xlsx");
        reads.ShouldContain(e => e.User == RunningHub.Caseworker && e.Detail == $"GET /api/v1/batches/{view.BatchId}/results.csv");
        reads.ShouldNotContain(e => e.User == "neighbour-01");
    }

    /// <summary>A cell's text as a spreadsheet shows it: an inline string's, or a value's.</summary>
    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}
