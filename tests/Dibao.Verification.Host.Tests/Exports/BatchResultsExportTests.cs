using System.Net;
using System.Text;
using Dibao.Verification.Host.Tests.EndToEnd;

namespace Dibao.Verification.Host.Tests.Exports;

/// <summary>The results export over HTTP, as an office downloads it to open in Excel or WPS.</summary>
public sealed class BatchResultsExportTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task A_batch_exports_as_UTF8_CSV_with_its_formula_shaped_references_as_text()
    {
        await using var hub = await RunningHub.StartAsync();
        var formula = "=HYPERLINK(\"http://evil.example/\",\"点此\")";
        var households = hub.Sandbox.Population.Households(start: 40).Take(2).ToList();
        households[0] = households[0] with { HouseholdRef = formula };
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var view = await hub.WaitForCompletionAsync(location);

        using var response = await hub.Client.GetAsync(new Uri($"{location}/results.csv", UriKind.RelativeOrAbsolute));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel needs the byte order mark to read UTF-8");
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("household_ref,members,outcome,");
        lines[1].ShouldStartWith("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点此\"\")\",");
        lines[1].ShouldContain($",{view.Households[0].Verification.Outcome},");
        lines[2].ShouldStartWith(households[1].HouseholdRef + ",");
    }
}
