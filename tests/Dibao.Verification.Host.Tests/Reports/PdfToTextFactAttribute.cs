namespace Dibao.Verification.Host.Tests.Reports;

/// <summary>A fact that reads a PDF with <c>pdftotext</c>: skipped naming the package when it is missing, unless <c>DIBAO_REQUIRE_SERVERS=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PdfToTextFactAttribute : FactAttribute
{
    public PdfToTextFactAttribute()
    {
        if (PdfToText.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
