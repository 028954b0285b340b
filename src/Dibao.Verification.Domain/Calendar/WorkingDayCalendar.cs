namespace Dibao.Verification.Domain.Calendar;

/// <summary>
/// Working days as Chinese offices count them: Monday to Friday, less the published holidays, plus the
/// published make-up weekend days. A year without an arrangement counts weekends only.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<int, CalendarYear> _years;

    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        _years = [];
        foreach (var year in years)
        {
            foreach (var day in year.DaysOff.Concat(year.MakeUpWorkingDays))
            {
                if (day.Year != year.Year)
                {
                    throw new ArgumentException($"The arrangement for {year.Year} lists {day:yyyy-MM-dd}, a day of another year.", nameof(years));
                }
            }

            if (year.DaysOff.Overlaps(year.MakeUpWorkingDays))
            {
                throw new ArgumentException($"The arrangement for {year.Year} lists a day both as a day off and as a working day.", nameof(years));
            }

            if (!_years.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"Two arrangements for {year.Year}.", nameof(years));
            }
        }
    }

    public IReadOnlyCollection<int> Years => _years.Keys;

    public bool HasYear(int year) => _years.ContainsKey(year);

    public bool IsWorkingDay(DateOnly day)
    {
        if (_years.TryGetValue(day.Year, out var year))
        {
            if (year.DaysOff.Contains(day))
            {
                return false;
            }

            if (year.MakeUpWorkingDays.Contains(day))
            {
                return true;
            }
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The day on which <paramref name="workingDays"/> working days after <paramref name="start"/> are complete.
    /// The start day itself is never counted: work received on a day is due that many working days later.
    /// </summary>
    public WorkingDayDeadline AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        var provisional = !HasYear(start.Year);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            provisional |= !HasYear(day.Year);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return new WorkingDayDeadline(day, provisional);
    }
}
