using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// The offices' day (<c>Confirmation:OfficeUtcOffset</c>, China's UTC+8) whatever zone the server runs in: a container
/// runs in UTC, where 07:00 in Changchun is still the day before, and a batch's default <c>asOf</c>, its income window and
/// the consent's age would be a day out for eight hours of every day.
/// </summary>
public sealed class OfficeClock(TimeProvider clock, IOptions<ConfirmationOptions> options)
{
    public DateOnly Today => DateOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>The offices' day at the instant <paramref name="utc"/>.</summary>
    public DateOnly DateOf(DateTime utc) =>
        DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(options.Value.OfficeUtcOffset).DateTime);
}
