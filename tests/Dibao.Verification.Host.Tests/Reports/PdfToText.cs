using System.Diagnostics;
using System.Text;

namespace Dibao.Verification.Host.Tests.Reports;

/// <summary>Poppler's <c>pdftotext</c> (Debian's <c>poppler-utils</c>): reads a PDF's text as a reader's copy and search would.</summary>
public static class PdfToText
{
    /// <summary>Why the tests that need it skip, or null when they must run (installed, or <c>DIBAO_REQUIRE_SERVERS=1</c>).</summary>
    public static string? SkipReason =>
        Executable is null && Environment.GetEnvironmentVariable("DIBAO_REQUIRE_SERVERS") != "1"
            ? "pdftotext is not installed: apt-get install poppler-utils (DIBAO_REQUIRE_SERVERS=1 makes this a failure)."
            : null;

    private static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "pdftotext"))
            .FirstOrDefault(File.Exists);

    /// <summary>The document's text in UTF-8, page by page.</summary>
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("dibao-pdf-");
        try
        {
            var file = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo(Executable ?? throw new FileNotFoundException("pdftotext is not installed: apt-get install poppler-utils."))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-enc", "UTF-8", file, "-" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.ShouldBe(0, await stderr);
            return await stdout;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The text without any white space, so a phrase is found wherever a line or a column broke it.</summary>
    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
