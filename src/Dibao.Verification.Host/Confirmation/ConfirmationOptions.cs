namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// The <c>Confirmation</c> section. Reviewers name themselves in the <c>X-Reviewer</c> header or the request's
/// <c>by</c> field and the hub records that name as given; authenticating them is the security issue's work.
/// </summary>
public sealed class ConfirmationOptions
{
    public const string Section = "Confirmation";

    public ConfirmationTiers Tiers { get; set; } = new();

    /// <summary>The folder of the yearly holiday arrangements (<c>2026.json</c>…); relative paths are from the hub's binaries.</summary>
    public string CalendarPath { get; set; } = Path.Combine("Confirmation", "Calendar");

    /// <summary>The offices' clock: deadlines are counted in China's calendar days (UTC+8, no daylight saving).</summary>
    public TimeSpan OfficeUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often the overdue reminders run; each overdue case is reminded once per stay at a tier.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(15);
}
