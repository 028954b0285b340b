using System.Text;
using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Tests.Batches;

public class CsvBatchReaderTests
{
    private const string Csv = """
        household_ref,consent_ref,id_number,name,relation
        H-0001,SQ-2026-00001,220105198003150018,王建国,self
        H-0001,SQ-2026-00001,220183199107070024,"李,秀兰",spouse
        H-0002,SQ-2026-00002,11010519491231002x,张三,self
        """;

    static CsvBatchReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("gb18030")]
    public void Reads_households_in_every_encoding_spreadsheets_save(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Csv),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv)],
            _ => Encoding.GetEncoding("GB18030").GetBytes(Csv),
        };

        var result = CsvBatchReader.Read(bytes, "220105001", "new-application", null);

        result.Problems.ShouldBeEmpty();
        var households = result.Request!.Households!;
        households.Select(h => h.Ref).ShouldBe(["H-0001", "H-0002"]);
        households[0].Members!.Select(m => m.Name).ShouldBe(["王建国", "李,秀兰"]);
        households[0].SourceLines.ShouldBe([2, 3]);
        households[1].ConsentRef.ShouldBe("SQ-2026-00002");
    }

    [Theory]
    [InlineData("gb18030", "郑伟")]
    [InlineData("utf-8 mark, then gb18030", "郑伟")]
    [InlineData("utf-8 mark, then gb18030", "王建国")]
    [InlineData("gb18030 with its own mark", "郑伟")]
    public void A_gb18030_file_is_read_as_gb18030_even_when_its_bytes_are_also_utf8_or_follow_a_utf8_mark(string form, string name)
    {
        // Saved by Excel on Chinese Windows, 郑伟 is D6 A3 CE B0: valid UTF-8 for two characters that are no name.
        var gb18030 = Encoding.GetEncoding("GB18030");
        var csv = $"household_ref,consent_ref,id_number,name,relation\nH-1,SQ-1,220105198003150018,{name},self\n";
        byte[] bytes = form switch
        {
            "gb18030" => gb18030.GetBytes(csv),
            "utf-8 mark, then gb18030" => [.. Encoding.UTF8.GetPreamble(), .. gb18030.GetBytes(csv)],
            _ => gb18030.GetBytes("\uFEFF" + csv),
        };

        var result = CsvBatchReader.Read(bytes, "220105001", "x", null);

        result.Problems.ShouldBeEmpty();
        result.Request!.Households!.Single().Members!.Single().Name.ShouldBe(name);
    }

    [Fact]
    public void A_line_with_more_fields_than_the_header_is_named_rather_than_read_short()
    {
        var result = CsvBatchReader.Read(
            "household_ref,consent_ref,id_number,name,relation,declared_income,declared_assets\nH-1,SQ-1,220105198003150018,王建国,self,1,200,50000\nH-2,SQ-2,11010519491231002X,张三,self,,,\n"u8,
            "220105001", "x", null);

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Field).ShouldBe((2, "extra_field"));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Lines_end_as_any_spreadsheet_ends_them(string end)
    {
        var result = CsvBatchReader.Read(Encoding.UTF8.GetBytes(Csv.ReplaceLineEndings(end)), "220105001", "new-application", null);

        result.Problems.ShouldBeEmpty();
        result.Request!.Households!.Select(h => $"{h.Ref}@{string.Join('+', h.SourceLines!)}").ShouldBe(["H-0001@2+3", "H-0002@4"]);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var result = CsvBatchReader.Read("household_ref,id_number,name,relation\nH-1,1,a,self\n"u8, "220105001", "x", null);

        result.Request.ShouldBeNull();
        result.Problems.ShouldHaveSingleItem().Field.ShouldBe("consent_ref");
    }

    [Fact]
    public void Different_consent_references_within_a_household_are_refused_on_their_line()
    {
        var result = CsvBatchReader.Read("household_ref,consent_ref,id_number,name,relation\nH-1,SQ-1,1,a,self\nH-1,SQ-2,2,b,child\n"u8, "220105001", "x", null);

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Row.ShouldBe(3);
        problem.Field.ShouldBe("consent_ref");
    }

    [Fact]
    public void Declared_income_and_assets_are_read_per_member_empty_as_not_declared_and_a_non_number_refused_on_its_line()
    {
        var result = CsvBatchReader.Read("""
            household_ref,consent_ref,id_number,name,relation,declared_income,declared_assets
            H-1,SQ-1,220105198003150018,王建国,self,1200.50,
            H-1,SQ-1,220183199107070024,李秀兰,spouse,,30000
            H-2,SQ-2,11010519491231002x,张三,self,一千,
            """u8, "220105001", "x", null);

        var members = result.Request!.Households![0].Members!;
        (members[0].DeclaredMonthlyIncome, members[0].DeclaredFinancialAssets).ShouldBe((1200.50m, null));
        (members[1].DeclaredMonthlyIncome, members[1].DeclaredFinancialAssets).ShouldBe((null, 30000m));
        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Field, problem.HouseholdRef).ShouldBe((4, "declared_income", "H-2"));
        CsvBatchReader.Read(Encoding.UTF8.GetBytes(Csv), "220105001", "x", null).Request!.Households!.SelectMany(h => h.Members!)
            .ShouldAllBe(m => m.DeclaredMonthlyIncome == null && m.DeclaredFinancialAssets == null, "the columns are optional");
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_stay_true()
    {
        var result = CsvBatchReader.Read("household_ref,consent_ref,id_number,name,relation\r\n\r\nH-1,SQ-1,1,a,self\r\n"u8, "220105001", "x", null);

        result.Request!.Households![0].SourceLines.ShouldBe([3]);
    }

    [Fact]
    public void The_authorization_s_signing_date_is_read_per_household_and_left_to_the_submission_date_when_empty()
    {
        var result = CsvBatchReader.Read(
            "household_ref,consent_ref,consent_signed_on,id_number,name,relation\nH-1,SQ-1,2026-06-30,1,a,self\nH-1,SQ-1,2026-06-30,2,b,child\nH-2,SQ-2,,3,c,self\n"u8,
            "220105001", "x", null);

        result.Problems.ShouldBeEmpty();
        result.Request!.Households!.Select(h => h.ConsentSignedOn).ShouldBe([new DateOnly(2026, 6, 30), null]);
    }

    [Fact]
    public void A_signing_date_that_is_no_date_or_differs_within_a_household_is_refused_on_its_line()
    {
        var result = CsvBatchReader.Read(
            "household_ref,consent_ref,consent_signed_on,id_number,name,relation\nH-1,SQ-1,2026-06-30,1,a,self\nH-1,SQ-1,2026-07-01,2,b,child\nH-2,SQ-2,30/06/2026,3,c,self\n"u8,
            "220105001", "x", null);

        result.Problems.Select(p => (p.Row, p.Field)).ShouldBe([(3, "consent_signed_on"), (4, "consent_signed_on")]);
    }

    [Fact]
    public void A_quote_never_closed_refuses_the_file_where_it_opened_rather_than_swallowing_the_rows_after_it()
    {
        var result = CsvBatchReader.Read("""
            household_ref,consent_ref,id_number,name,relation,note
            H-1,SQ-1,220105198003150018,王建国,self,"说明
            H-2,SQ-2,bad,李秀兰,self,
            """u8, "220105001", "x", null);

        result.Request.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Field).ShouldBe((2, "note"));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_named_rather_than_taking_the_rows_after_it_into_one_name()
    {
        var result = CsvBatchReader.Read("""
            household_ref,consent_ref,id_number,name,relation
            H-1,SQ-1,220105198003150018,王"建国,self
            H-2,SQ-2,11010519491231002X,张"三,self
            """u8, "220105001", "x", null);

        result.Request.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Field).ShouldBe((2, "name"));
        problem.Message.ShouldNotContain("220105198003150018");
    }

    [Fact]
    public void A_quoted_field_after_blanks_still_reads_as_quoted()
    {
        var result = CsvBatchReader.Read("household_ref,consent_ref,id_number,name,relation\nH-1,SQ-1,220105198003150018, \"王,建国\",self\n"u8, "220105001", "x", null);

        result.Problems.ShouldBeEmpty();
        result.Request!.Households!.ShouldHaveSingleItem().Members!.ShouldHaveSingleItem().Name!.Trim().ShouldBe("王,建国");
    }

    [Fact]
    public void A_row_without_its_household_reference_is_named_and_its_member_still_checked()
    {
        var result = CsvBatchReader.Read("household_ref,consent_ref,id_number,name,relation\nH-1,SQ-1,220105198003150018,王建国,self\n,SQ-2,bad,李秀兰,self\n"u8, "220105001", "x", null);

        result.Request!.Households!.Select(h => h.Ref).ShouldBe(["H-1", ""]);
        result.Request.Households![1].SourceLines.ShouldBe([3]);
    }
}
