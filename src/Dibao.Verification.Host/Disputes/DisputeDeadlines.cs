using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Host.Confirmation;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Disputes;

/// <summary>When a dispute must be answered: <c>Confirmation:DisputeWorkingDays</c> working days after the office day it was recorded.</summary>
public sealed class DisputeDeadlines(WorkingDayCalendar calendar, CaseDeadlines cases, IOptions<ConfirmationOptions> options)
{
    public WorkingDayDeadline DueFromToday() => calendar.AddWorkingDays(cases.Today, options.Value.DisputeWorkingDays);

    /// <summary>Overdue once the due day has ended without the re-check settling.</summary>
    public bool IsOverdue(Dispute dispute) => !dispute.IsAnswered && dispute.DueOn < cases.Today;
}
