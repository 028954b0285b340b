using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Verification;

/// <summary>Which rounds still await an answer: a round is ready to settle only once none of its answers is awaited.</summary>
internal static class AwaitedRounds
{
    /// <remarks>
    /// Read by the rounds' own ids, so the index on the round bounds it whatever the statistics say of the awaited state
    /// (see <see cref="AgencyAnswerRecorder"/>).
    /// </remarks>
    public static async Task<HashSet<Guid>> AmongAsync(HubDbContext db, IReadOnlyCollection<Guid> roundIds, CancellationToken cancellationToken) =>
        (await db.AgencyAnswers.AsNoTracking()
            .Where(a => roundIds.Contains(a.RoundId) && a.State == AnswerState.Awaited)
            .Select(a => a.RoundId)
            .Distinct()
            .ToListAsync(cancellationToken))
        .ToHashSet();
}
