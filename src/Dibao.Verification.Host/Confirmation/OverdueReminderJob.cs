using Dibao.Verification.Host.Disputes;
using Quartz;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Runs the overdue reminders, of cases and of disputes, on the schedule of <c>Confirmation:ReminderInterval</c>; one run at a time across every
/// hub instance of a cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OverdueReminderJob(OverdueReminders reminders, DisputeReminders disputes) : IJob
{
    public static readonly JobKey Key = new("overdue-reminders", "confirmation");

    public static readonly TriggerKey TriggerKey = new("overdue-reminders", "confirmation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await reminders.SendAsync(cancellationToken);
        await disputes.SendAsync(cancellationToken);
    }
}
