using System.Globalization;
using System.Text.Json;

namespace Dibao.Verification.Domain.Calendar;

/// <summary>
/// Reads one year's arrangement as offices write it from the State Council's notice: each holiday as a range of
/// days off with its make-up working days, so the file can be checked line by line against the published text.
/// </summary>
public static class CalendarFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="FormatException">The text is not a valid arrangement; the message says what is wrong.</exception>
    public static CalendarYear Parse(string json)
    {
        FileWire wire;
        try
        {
            wire = JsonSerializer.Deserialize<FileWire>(json, Json) ?? throw new FormatException("The calendar file is empty.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("The calendar file is not valid JSON: " + ex.Message, ex);
        }

        if (wire.Year is < 2000 or > 2100)
        {
            throw new FormatException($"The calendar file names year {wire.Year}; expected a year such as 2026.");
        }

        var daysOff = new HashSet<DateOnly>();
        var workingDays = new HashSet<DateOnly>();
        foreach (var holiday in wire.Holidays ?? [])
        {
            var from = Day(holiday.From, holiday.Name);
            var to = Day(holiday.To, holiday.Name);
            if (to < from)
            {
                throw new FormatException($"Holiday {holiday.Name} ends before it starts.");
            }

            for (var day = from; day <= to; day = day.AddDays(1))
            {
                daysOff.Add(day);
            }

            foreach (var text in holiday.MakeUpWorkingDays ?? [])
            {
                var day = Day(text, holiday.Name);
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    throw new FormatException($"Make-up working day {text} of {holiday.Name} is not a weekend day.");
                }

                workingDays.Add(day);
            }
        }

        try
        {
            var year = new CalendarYear(wire.Year, daysOff, workingDays);
            _ = new WorkingDayCalendar([year]);
            return year;
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static DateOnly Day(string? text, string? holiday) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"'{text}' in holiday {holiday} is not a date written yyyy-MM-dd.");

    private sealed record FileWire(int Year, string? Source, List<HolidayWire>? Holidays);

    private sealed record HolidayWire(string? Name, string? From, string? To, List<string>? MakeUpWorkingDays);
}
