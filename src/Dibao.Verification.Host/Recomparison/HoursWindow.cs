using System.Globalization;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// Hours of the day, as <c>22:00-06:00</c>: from the first time, inclusive, to the second, exclusive, across midnight when
/// the second is earlier. Equal times mean the whole day.
/// </summary>
public readonly record struct HoursWindow(TimeOnly From, TimeOnly To)
{
    public static HoursWindow AllDay { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    public bool Contains(TimeOnly time) =>
        From == To || (From < To ? time >= From && time < To : time >= From || time < To);

    /// <summary>Empty or whitespace is <see cref="AllDay"/>.</summary>
    public static bool TryParse(string? text, out HoursWindow window)
    {
        window = AllDay;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return false;
        }

        window = new HoursWindow(from, to);
        return true;
    }

    public override string ToString() => $"{From:HH\\:mm}-{To:HH\\:mm}";
}
