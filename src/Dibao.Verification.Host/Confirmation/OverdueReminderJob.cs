using Quartz;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>Runs the overdue reminders on the schedule of <c>Confirmation:ReminderInterval</c>; one run at a time.</summary>
[DisallowConcurrentExecution]
public sealed class OverdueReminderJob(OverdueReminders reminders) : IJob
{
    public static readonly JobKey Key = new("overdue-reminders", "confirmation");

    public Task Execute(IJobExecutionContext context) => reminders.SendAsync(context.CancellationToken);
}
