namespace Dibao.Verification.Domain.Calendar;

/// <summary>One year's published arrangement: the weekdays offices close and the weekend days they work instead (调休).</summary>
/// <param name="DaysOff">Public holidays, including the weekdays given as holiday.</param>
/// <param name="MakeUpWorkingDays">Weekend days on which offices work.</param>
public sealed record CalendarYear(int Year, IReadOnlySet<DateOnly> DaysOff, IReadOnlySet<DateOnly> MakeUpWorkingDays);
