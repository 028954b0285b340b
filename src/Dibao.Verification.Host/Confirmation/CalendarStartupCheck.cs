using Dibao.Verification.Domain.Calendar;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>Says at start-up which of this year and next has no holiday arrangement, so an office knows its deadlines there are provisional.</summary>
public sealed partial class CalendarStartupCheck(WorkingDayCalendar calendar, CaseDeadlines deadlines, ILogger<CalendarStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var year = deadlines.Today.Year;
        foreach (var missing in new[] { year, year + 1 }.Where(y => !calendar.HasYear(y)))
        {
            LogMissingYear(logger, missing);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No holiday arrangement for {Year} in the calendar folder: deadlines in {Year} count weekends only and are marked provisional. Add {Year}.json when the State Council publishes it.")]
    private static partial void LogMissingYear(ILogger logger, int year);
}
