using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dibao.Verification.Host.Reports;

/// <summary>
/// Flows text down A4 pages, breaking lines by measured width (Chinese has no spaces to break at) and starting a new page
/// when one is full. Each run of characters is drawn in the family that has their glyphs (<see cref="ReportFont"/>).
/// Every page carries the footer it is given and its number.
/// </summary>
internal sealed class ReportLayout : IDisposable
{
    private const double Margin = 48;
    private const double FooterHeight = 24;
    private const double LineGap = 1.35;

    private readonly PdfDocument _document;
    private readonly string _footer;
    private readonly Dictionary<(string Family, double Size, bool Bold), XFont> _fonts = [];
    private readonly Dictionary<(char, double, bool), double> _widths = [];
    private PdfPage? _page;
    private XGraphics? _graphics;
    private double _y;

    public ReportLayout(PdfDocument document, string footer)
    {
        _document = document;
        _footer = footer;
        NewPage();
    }

    private double Width => _page!.Width.Point - 2 * Margin;

    private double Bottom => _page!.Height.Point - Margin - FooterHeight;

    public void Title(string text) => Paragraph(text, 17, bold: true, after: 6, centred: true);

    public void Heading(string text)
    {
        // A heading is never the last line of a page.
        EnsureRoom(4 * 13 * LineGap);
        Space(6);
        Paragraph(text, 12.5, bold: true, after: 2);
        _graphics!.DrawLine(XPens.Gray, Margin, _y, Margin + Width, _y);
        Space(4);
    }

    public void SubHeading(string text) => Paragraph(text, 10.5, bold: true, after: 1);

    public void Text(string text, double indent = 0, double size = 9.5) => Paragraph(text, size, bold: false, indent: indent);

    public void Space(double points) => _y += points;

    /// <summary>A table of short cells: each cell wraps within its column; a row is never split across pages.</summary>
    /// <param name="widths">Fractions of the page's width, one per column.</param>
    public void Table(IReadOnlyList<double> widths, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, double size = 9)
    {
        var columns = widths.Select(w => w * Width).ToArray();
        Row(header, size, bold: true, columns);
        foreach (var row in rows)
        {
            Row(row, size, bold: false, columns);
        }

        Space(4);
    }

    /// <param name="bold">The header row's: bold on a shaded ground.</param>
    private void Row(IReadOnlyList<string> cells, double size, bool bold, double[] columns)
    {
        const double padding = 3;
        var lines = cells.Select((cell, i) => Wrap(cell, size, bold, columns[i] - 2 * padding)).ToList();
        var lineHeight = size * LineGap;
        var height = lines.Max(l => l.Count) * lineHeight + 2 * padding;
        EnsureRoom(height);
        var x = Margin;
        for (var i = 0; i < columns.Length; i++)
        {
            var box = new XRect(x, _y, columns[i], height);
            if (bold)
            {
                _graphics!.DrawRectangle(XBrushes.Gainsboro, box);
            }

            _graphics!.DrawRectangle(XPens.DarkGray, box);
            for (var line = 0; line < lines[i].Count; line++)
            {
                Draw(lines[i][line], size, bold, x + padding, _y + padding + line * lineHeight, XBrushes.Black);
            }

            x += columns[i];
        }

        _y += height;
    }

    private void Paragraph(string text, double size, bool bold, double indent = 0, double after = 2, bool centred = false)
    {
        var lineHeight = size * LineGap;
        foreach (var line in text.Split('\n').SelectMany(part => Wrap(part, size, bold, Width - indent)))
        {
            EnsureRoom(lineHeight);
            var x = centred ? Margin + (Width - Measure(line, size, bold)) / 2 : Margin + indent;
            Draw(line, size, bold, x, _y, XBrushes.Black);
            _y += lineHeight;
        }

        _y += after;
    }

    /// <summary>Draws a line from its top left, one run per family.</summary>
    private void Draw(string line, double size, bool bold, double x, double y, XBrush brush)
    {
        var start = 0;
        while (start < line.Length)
        {
            var family = ReportFont.FamilyFor(line[start]);
            var end = start + 1;
            while (end < line.Length && ReportFont.FamilyFor(line[end]) == family)
            {
                end++;
            }

            var run = line[start..end];
            _graphics!.DrawString(run, Font(family, size, bold), brush, new XPoint(x, y), XStringFormats.TopLeft);
            x += Measure(run, size, bold);
            start = end;
        }
    }

    /// <summary>Lines no wider than <paramref name="width"/>: broken at a space where a Latin word would be cut, else anywhere.</summary>
    private List<string> Wrap(string text, double size, bool bold, double width)
    {
        var lines = new List<string>();
        var start = 0;
        var used = 0.0;
        var lastSpace = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var w = Measure(text[i], size, bold);
            if (used + w > width && i > start)
            {
                var end = lastSpace > start && i - lastSpace < 16 ? lastSpace + 1 : i;
                lines.Add(text[start..end].TrimEnd());
                start = end;
                used = Measure(text[start..(i + 1)], size, bold);
                lastSpace = -1;
                continue;
            }

            if (text[i] == ' ')
            {
                lastSpace = i;
            }

            used += w;
        }

        lines.Add(text[start..]);
        return lines;
    }

    private double Measure(string text, double size, bool bold) => text.Sum(c => Measure(c, size, bold));

    private double Measure(char c, double size, bool bold)
    {
        if (!_widths.TryGetValue((c, size, bold), out var width))
        {
            width = _graphics!.MeasureString(c.ToString(), Font(ReportFont.FamilyFor(c), size, bold)).Width;
            _widths[(c, size, bold)] = width;
        }

        return width;
    }

    private XFont Font(string family, double size, bool bold)
    {
        if (!_fonts.TryGetValue((family, size, bold), out var font))
        {
            font = ReportFont.Of(family, size, bold);
            _fonts[(family, size, bold)] = font;
        }

        return font;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
        var footerY = _page.Height.Point - Margin;
        Draw(_footer, 8, bold: false, Margin, footerY, XBrushes.DimGray);
        var number = $"第 {_document.PageCount} 页";
        Draw(number, 8, bold: false, Margin + Width - Measure(number, 8, bold: false), footerY, XBrushes.DimGray);
    }

    public void Dispose() => _graphics?.Dispose();
}
