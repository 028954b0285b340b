namespace Dibao.Verification.Host.Confirmation;

/// <summary>
/// The <c>Confirmation</c> section. The reviewer recorded is the signed-in user (see <see cref="Access.Caller"/>).
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

    /// <summary>Calendar days a pass stays on public notice (公示) before the city signs it; 0 turns the stage off.</summary>
    public int PublicNoticeDays { get; set; } = 7;

    /// <summary>Working days within which an applicant's dispute (复查) is answered.</summary>
    public int DisputeWorkingDays { get; set; } = 10;
}
