using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Host.Confirmation;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Disputes;

/// <summary>When a dispute must be answered: <c>Confirmation:DisputeWorkingDays</c> working days after the office day it was recorded.</summary>
public sealed class DisputeDeadlines(WorkingDayCalendar calendar, OfficeClock office, IOptions<ConfirmationOptions> options)
{
    public WorkingDayDeadline DueFromToday() => calendar.AddWorkingDays(office.Today, options.Value.DisputeWorkingDays);

    /// <summary>
    /// The due day as stored, unless it was counted over a year without an arrangement: that one is counted again on the
    /// calendar as it is now, so next year's file, added and the hub restarted, corrects it as it corrects a case's.
    /// </summary>
    public WorkingDayDeadline DueOf(Dispute dispute) =>
        dispute.DueProvisional
            ? calendar.AddWorkingDays(office.DateOf(dispute.RecordedAtUtc), options.Value.DisputeWorkingDays)
            : new WorkingDayDeadline(dispute.DueOn, Provisional: false);

    /// <summary>Overdue once the due day has ended without the re-check settling.</summary>
    public bool IsOverdue(Dispute dispute) => !dispute.IsAnswered && DueOf(dispute).Date < office.Today;
}
