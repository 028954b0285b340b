using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Dibao.Verification.Host.Reports;

/// <summary>
/// The typefaces of the hub's PDFs, bundled in the assembly (Reports/Fonts): Droid Sans Fallback for Chinese, which has no
/// Latin letters or digits, and DejaVu Sans for those. Both are embedded as subsets in every document, so any viewer
/// renders them, and written with Unicode encoding, whose ToUnicode map lets <c>pdftotext</c> and a reader's search give
/// the text back. No system font folder is ever read: PDFsharp's font resolver is this one, set once for the process.
/// </summary>
public sealed class ReportFont : IFontResolver
{
    private const string Chinese = "DroidSansFallbackFull";
    private const string Latin = "DejaVuSans";

    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);
    private static readonly Lazy<ReportFont> Installed = new(Install);

    private ReportFont()
    {
    }

    /// <summary>Options for every font of a report: Unicode, so the text can be extracted; the subset embedded.</summary>
    private static XPdfFontOptions Options { get; } = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    /// <summary>
    /// The family that draws <paramref name="c"/>: the Chinese one from the CJK blocks on, else the Latin one, unless the
    /// preferred one lacks the glyph.
    /// </summary>
    public static string FamilyFor(char c) => FamilyByChar.GetOrAdd(c, Choose);

    /// <summary>A font of one of the families; callers keep their own, as PDFsharp's fonts are not shared across threads here.</summary>
    public static XFont Of(string family, double size, bool bold)
    {
        _ = Installed.Value;
        return new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Options);
    }

    private static readonly ConcurrentDictionary<char, string> FamilyByChar = new();
    private static readonly Lock Probe = new();

    private static string Choose(char c)
    {
        var (preferred, other) = c >= '\u2E80' ? (Chinese, Latin) : (Latin, Chinese);
        lock (Probe)
        {
            return GlyphHelper.GlyphIndexFromCodePoint(c, Of(preferred, 10, bold: false)) != 0 ? preferred : other;
        }
    }

    /// <summary>Each family has one regular face; bold is simulated.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName is Chinese or Latin ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => faceName is Chinese or Latin ? Faces.GetOrAdd(faceName, Load) : null;

    /// <summary>PDFsharp takes its resolver once per process, before any font is used.</summary>
    private static ReportFont Install()
    {
        var resolver = new ReportFont();
        GlobalFontSettings.FontResolver = resolver;
        return resolver;
    }

    private static byte[] Load(string face)
    {
        var resource = $"Dibao.Verification.Host.Reports.Fonts.{face}.ttf";
        using var stream = typeof(ReportFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The report font {resource} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
