using Dibao.Verification.Domain.Calendar;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// When a tier's decision on a case is due, in working days from the day the case reached it. Computed when asked,
/// so an arrangement added for next year corrects the provisional deadlines at the next start.
/// </summary>
public sealed class CaseDeadlines(WorkingDayCalendar calendar, IOptions<ConfirmationOptions> options, OfficeClock office)
{
    public DateOnly Today => office.Today;

    /// <returns>Null for a case no tier has to decide on: being verified again, or confirmed.</returns>
    public WorkingDayDeadline? DueOf(Case @case)
    {
        if (!@case.IsOpen)
        {
            return null;
        }

        var entered = office.DateOf(@case.TierEnteredAtUtc);
        return calendar.AddWorkingDays(entered, options.Value.Tiers.For(@case.Tier).WorkingDays);
    }

    /// <summary>
    /// The public notice a pass starts today: posted from the next day for <c>PublicNoticeDays</c> calendar days;
    /// null when the stage is off.
    /// </summary>
    public NoticePeriod? NoticeFromToday() =>
        options.Value.PublicNoticeDays is > 0 and var days ? new NoticePeriod(Today.AddDays(1), Today.AddDays(days)) : null;

    /// <summary>Overdue once the due day has ended without a decision.</summary>
    public bool IsOverdue(Case @case) => DueOf(@case) is { } due && due.Date < Today;
}
