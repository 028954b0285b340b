using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>
/// How many persons the runs may ask a source about now, within <c>Recomparison:Agencies:&lt;code&gt;</c>. The rate is kept
/// over a span long enough for one whole question (<c>Verification:PersonsPerQuery</c>), counted from the questions the
/// database shows released in that span: so it holds across restarts and is shared by the instances on one database
/// (two releasing at the same moment may briefly exceed it by a question each).
/// </summary>
public sealed class AgencyLimits(IOptions<RecomparisonOptions> options, IOptions<VerificationOptions> verification, IOptions<ConfirmationOptions> confirmation)
{
    /// <returns>Null when the agency sets no limit; otherwise persons that may be asked about now, 0 outside its window.</returns>
    public async Task<int?> PersonsAllowedAsync(HubDbContext db, string source, DateTime now, CancellationToken cancellationToken)
    {
        if (For(AgencyCodes.AgencyOf(source)) is not { } limit)
        {
            return null;
        }

        // A window that cannot be read is refused at start-up; were one to slip through, nothing is asked rather than too much.
        if (!HoursWindow.TryParse(limit.Window, out var window) || !window.Contains(TimeOnly.FromDateTime(now + confirmation.Value.OfficeUtcOffset)))
        {
            return 0;
        }

        // A rate of 0 or less is refused at start-up.
        if (limit.MaxPersonsPerSecond is not { } rate)
        {
            return null;
        }

        var span = Span(rate);
        var since = now - span;
        var asked = await db.AgencyQueries.Where(q => q.Agency == source && q.Purpose == RecomparisonChunks.Purpose && q.SentAtUtc > since)
            .SumAsync(q => q.Persons, cancellationToken);
        return Math.Max(0, (int)Math.Floor(rate * span.TotalSeconds) - asked);
    }

    /// <summary>At least a second, and long enough that the rate allows one whole question in it.</summary>
    public TimeSpan Span(double rate) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(Math.Max(1, verification.Value.PersonsPerQuery) / rate)));

    private AgencyLimitOptions? For(string agency)
    {
        foreach (var (configured, limit) in options.Value.Agencies)
        {
            // Configuration keys are case-insensitive, and the binder keeps them as written.
            if (string.Equals(configured, agency, StringComparison.OrdinalIgnoreCase))
            {
                return limit;
            }
        }

        return null;
    }
}
