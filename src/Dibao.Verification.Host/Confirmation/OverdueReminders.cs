using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// Reminds of every case a tier has let pass its deadline: a log entry and one <see cref="CaseOverdue"/> per case
/// and stay at a tier. The reminder is stamped on the case in the same unit of work as the event, so a later run,
/// or a second hub, does not remind again. The stamp leaves the case's version alone, so that a reviewer's decision on
/// the case as loaded is not refused over it; runs never overlap (the job is clustered and not concurrent), so no two
/// runs stamp the same stay.
/// </summary>
public sealed partial class OverdueReminders(
    HubDbContext db,
    CaseDeadlines deadlines,
    HubMessages messages,
    TimeProvider clock,
    ILogger<OverdueReminders> logger)
{
    /// <summary>Cases looked at together: a night's re-comparison can leave hundreds of thousands open, never all read at once.</summary>
    private const int CasesPerPage = 1000;

    /// <returns>How many cases were reminded of.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var reminded = 0;
        Guid? after = null;
        while (true)
        {
            var (count, last) = await db.RunAsync(token => RemindAsync(after, token), cancellationToken);
            db.ChangeTracker.Clear();
            if (count > 0)
            {
                messages.Flush();
            }

            reminded += count;
            if (last is null)
            {
                return reminded;
            }

            after = last;
        }
    }

    /// <returns>How many cases of the page after <paramref name="after"/> were reminded of, and the page's last case; null when there was none.</returns>
    private async Task<(int Reminded, Guid? Last)> RemindAsync(Guid? after, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var open = db.Cases.Where(c => (c.State == CaseState.AwaitingReview || c.State == CaseState.Returned) && c.OverdueRemindedAtUtc == null);
        if (after is { } id)
        {
            open = open.Where(c => c.Id.CompareTo(id) > 0);
        }

        var page = await open.OrderBy(c => c.Id).Take(CasesPerPage).ToListAsync(cancellationToken);
        if (page.Count == 0)
        {
            return (0, null);
        }

        var now = clock.GetUtcNow();
        var reminded = new List<(Case Case, DateOnly Due)>();
        foreach (var @case in page)
        {
            if (!deadlines.IsOverdue(@case) || deadlines.DueOf(@case) is not { } due)
            {
                continue;
            }

            @case.Reminded(now.UtcDateTime);
            messages.Publish(new CaseOverdue(
                @case.Id, @case.BatchId, @case.HouseholdRef, @case.Township, CaseNames.Of(@case.Tier), due.Date, due.Provisional, now));
            reminded.Add((@case, due.Date));
        }

        if (reminded.Count == 0)
        {
            return (0, page[^1].Id);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A reviewer decided on one of the cases meanwhile; the next run reminds of whatever is still overdue.
            return (0, page[^1].Id);
        }

        foreach (var (@case, due) in reminded)
        {
            LogOverdue(logger, @case.Id, @case.HouseholdRef, CaseNames.Of(@case.Tier), due);
        }

        return (reminded.Count, page[^1].Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} of household {HouseholdRef} is overdue at the {Tier}: it was due on {Due}")]
    private static partial void LogOverdue(ILogger logger, Guid caseId, string householdRef, string tier, DateOnly due);
}
