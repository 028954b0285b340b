using System.Globalization;
using Dibao.Verification.Domain.Calendar;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Loads every <c>&lt;year&gt;.json</c> arrangement of the calendar folder; a broken file, or a folder that is not there,
/// stops the hub at start-up: a mistyped path would otherwise count weekends only and put every holiday deadline wrong.
/// </summary>
public static class CalendarFolder
{
    public static WorkingDayCalendar Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Calendar folder not found: {folder}.");
        }

        var years = new List<CalendarYear>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            CalendarYear year;
            try
            {
                year = CalendarFile.Parse(File.ReadAllText(file));
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"Calendar file {file}: {ex.Message}", ex);
            }

            if (Path.GetFileNameWithoutExtension(file) != year.Year.ToString(CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"Calendar file {file} holds the arrangement for {year.Year}; name it {year.Year}.json.");
            }

            years.Add(year);
        }

        return new WorkingDayCalendar(years);
    }

    public static string Resolve(ConfirmationOptions options) =>
        Path.IsPathRooted(options.CalendarPath) ? options.CalendarPath : Path.Combine(AppContext.BaseDirectory, options.CalendarPath);
}
