using System.Text.RegularExpressions;

namespace Dibao.Verification.Messaging.Telemetry;

/// <summary>
/// Masks resident identity numbers (17 digits and a check character) inside free text such as a URL, keeping the
/// first six and the last four characters, as the logs do. Some agencies take the number in the path or the query string.
/// </summary>
public static partial class IdentityNumberRedaction
{
    public static string Redact(string text) =>
        text.Length < 18 ? text : IdentityNumber().Replace(text, m => string.Concat(m.ValueSpan[..6], "********", m.ValueSpan[^4..]));

    public static bool Contains(string text) => text.Length >= 18 && IdentityNumber().IsMatch(text);

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityNumber();
}
