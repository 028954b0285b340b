using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Tests.Verification;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Disputes;

/// <summary>A dispute's deadline in working days on the shipped holiday arrangements.</summary>
public class DisputeDeadlineTests
{
    private static readonly ConfirmationOptions Options10 = new() { DisputeWorkingDays = 10 };

    private static DisputeDeadlines At(DateTimeOffset now, WorkingDayCalendar? calendar = null)
    {
        calendar ??= CalendarFolder.Load(Path.Combine(AppContext.BaseDirectory, "Confirmation", "Calendar"));
        var clock = new ManualTimeProvider(now);
        var options = Options.Create(Options10);
        var office = new OfficeClock(clock, options);
        return new DisputeDeadlines(calendar, office, options);
    }

    private static Dispute Due(DateOnly dueOn) => new()
    {
        Township = "220105001",
        HouseholdRef = "H-1",
        Agency = "tax",
        Reason = "不服",
        RecordedBy = "township-01",
        DueOn = dueOn,
    };

    [Fact]
    public void A_dispute_recorded_before_mid_autumn_and_national_day_is_due_ten_working_days_later_past_both_holidays()
    {
        // Wednesday 2026-09-23, 10:00 in China. Off: 09-25 to 09-27 and 10-01 to 10-07; the Saturday 10-10 is worked.
        var deadline = At(new DateTimeOffset(2026, 9, 23, 2, 0, 0, TimeSpan.Zero)).DueFromToday();

        deadline.Date.ShouldBe(new DateOnly(2026, 10, 14));
        deadline.Provisional.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026-10-08", false)] // Ten calendar days would have made it late here; the holiday does not count.
    [InlineData("2026-10-14", false)] // Its last day.
    [InlineData("2026-10-15", true)]
    public void A_dispute_is_overdue_only_once_its_due_working_day_has_ended(string today, bool overdue)
    {
        var deadlines = At(new DateTimeOffset(DateOnly.Parse(today).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

        deadlines.IsOverdue(Due(new DateOnly(2026, 10, 14))).ShouldBe(overdue);
    }

    [Fact]
    public void An_answered_dispute_is_never_overdue()
    {
        var dispute = Due(new DateOnly(2026, 10, 14));
        dispute.Answered(Domain.Policy.Outcome.Pass, new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc));

        At(new DateTimeOffset(2026, 10, 30, 2, 0, 0, TimeSpan.Zero)).IsOverdue(dispute).ShouldBeFalse();
    }

    [Fact]
    public void A_deadline_counted_over_a_year_without_its_arrangement_is_corrected_once_the_arrangement_is_loaded()
    {
        // Friday 2026-12-18, 10:00 in China, with 2027 not yet published: ten working days counting weekends only.
        var recorded = new DateTimeOffset(2026, 12, 18, 2, 0, 0, TimeSpan.Zero);
        var counted = At(recorded).DueFromToday();
        counted.ShouldBe(new WorkingDayDeadline(new DateOnly(2027, 1, 1), Provisional: true));
        var dispute = new Dispute
        {
            Township = "220105001",
            HouseholdRef = "H-1",
            Agency = "tax",
            Reason = "不服",
            RecordedBy = "township-01",
            RecordedAtUtc = recorded.UtcDateTime,
            DueOn = counted.Date,
            DueProvisional = counted.Provisional,
        };

        // The hub restarted with 2027.json, where New Year's Day is off.
        var shipped = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Confirmation", "Calendar"), "*.json").Select(f => CalendarFile.Parse(File.ReadAllText(f)));
        var withNextYear = new WorkingDayCalendar([.. shipped, CalendarFile.Parse("""
            { "year": 2027, "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03", "makeUpWorkingDays": [] } ] }
            """)]);
        var deadlines = At(new DateTimeOffset(2027, 1, 2, 2, 0, 0, TimeSpan.Zero), withNextYear);

        deadlines.DueOf(dispute).ShouldBe(new WorkingDayDeadline(new DateOnly(2027, 1, 4), Provisional: false));
        deadlines.IsOverdue(dispute).ShouldBeFalse();
    }
}
