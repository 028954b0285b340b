using Quartz;

namespace Dibao.Verification.Host.PublicNotice;

/// <summary>
/// Sends to the city every case whose public notice has run its days without objection, on the schedule of
/// <c>Confirmation:ReminderInterval</c>; one run at a time across every hub instance of a cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PublicNoticeJob(PublicNotices notices) : IJob
{
    public static readonly JobKey Key = new("public-notices", "confirmation");

    public static readonly TriggerKey TriggerKey = new("public-notices", "confirmation");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await notices.EndDueAsync(cancellationToken);
}
