using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Disputes;

/// <summary>
/// Reminds of every dispute not answered by its deadline: a log entry and one <see cref="DisputeOverdue"/> per dispute,
/// stamped on the dispute in the same unit of work, so a later run or a second hub does not remind again.
/// </summary>
public sealed partial class DisputeReminders(
    HubDbContext db,
    DisputeDeadlines deadlines,
    HubMessages messages,
    TimeProvider clock,
    ILogger<DisputeReminders> logger)
{
    /// <returns>How many disputes were reminded of.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var reminded = await db.RunAsync(async token =>
        {
            var open = await db.Disputes.Where(d => d.AnsweredAtUtc == null && d.RemindedAtUtc == null).ToListAsync(token);
            var now = clock.GetUtcNow();
            var late = open.Where(deadlines.IsOverdue).ToList();
            foreach (var dispute in late)
            {
                dispute.Reminded(now.UtcDateTime);
                var due = deadlines.DueOf(dispute);
                messages.Publish(new DisputeOverdue(dispute.Id, dispute.CaseId, dispute.HouseholdRef, dispute.Township, dispute.Agency, due.Date, due.Provisional, now));
            }

            if (late.Count > 0)
            {
                await db.SaveChangesAsync(token);
            }

            return late;
        }, cancellationToken);
        if (reminded.Count > 0)
        {
            messages.Flush();
        }

        foreach (var dispute in reminded)
        {
            LogOverdue(logger, dispute.CaseId, dispute.HouseholdRef, dispute.Agency, deadlines.DueOf(dispute).Date);
        }

        return reminded.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute of {Agency} on case {CaseId} of household {HouseholdRef} is overdue: it was due on {Due}")]
    private static partial void LogOverdue(ILogger logger, Guid caseId, string householdRef, string agency, DateOnly due);
}
