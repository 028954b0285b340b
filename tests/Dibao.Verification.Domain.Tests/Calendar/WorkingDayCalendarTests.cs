using Dibao.Verification.Domain.Calendar;

namespace Dibao.Verification.Domain.Tests.Calendar;

/// <summary>Deadlines on the arrangements the hub ships, worked out by hand from the State Council's tables.</summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Shipped = new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Calendar"), "*.json").Select(f => CalendarFile.Parse(File.ReadAllText(f))));

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Both_published_years_are_shipped()
    {
        Shipped.Years.Order().ShouldBe([2025, 2026]);
    }

    [Theory]
    // The make-up Saturday before the Spring Festival is day 1, the nine days off are skipped.
    [InlineData("2026-02-13", 5, "2026-02-27")]
    // The make-up Saturday after it counts: without it the deadline would be 03-03.
    [InlineData("2026-02-24", 5, "2026-03-02")]
    // National Day: 10-01 to 10-07 off, the make-up Saturday 10-10 is day 3.
    [InlineData("2026-09-30", 3, "2026-10-10")]
    // Mid-Autumn and National Day in one stretch: 09-25 (a Friday) and 10-01 to 10-07 off.
    [InlineData("2026-09-24", 5, "2026-10-09")]
    // The make-up Sunday 09-20 before National Day is a working day.
    [InlineData("2026-09-17", 5, "2026-09-23")]
    // New Year 2026: 01-01 to 01-03 off, the make-up Sunday 01-04 is the first working day.
    [InlineData("2025-12-31", 1, "2026-01-04")]
    // 2025 Spring Festival with its make-up Sunday 01-26 and Saturday 02-08.
    [InlineData("2025-01-24", 5, "2025-02-07")]
    [InlineData("2026-11-23", 0, "2026-11-23")]
    public void Working_days_skip_holidays_and_count_make_up_days(string start, int days, string expected)
    {
        var deadline = Shipped.AddWorkingDays(D(start), days);

        deadline.Date.ShouldBe(D(expected));
        deadline.Provisional.ShouldBeFalse();
    }

    [Fact]
    public void Holidays_and_make_up_days_are_what_the_notice_says()
    {
        Shipped.IsWorkingDay(D("2026-02-14")).ShouldBeTrue("make-up Saturday");
        Shipped.IsWorkingDay(D("2026-02-16")).ShouldBeFalse("Spring Festival Monday");
        Shipped.IsWorkingDay(D("2026-02-21")).ShouldBeFalse("Spring Festival Saturday");
        Shipped.IsWorkingDay(D("2026-10-10")).ShouldBeTrue("make-up Saturday");
        Shipped.IsWorkingDay(D("2026-10-11")).ShouldBeFalse("ordinary Sunday");
        Shipped.IsWorkingDay(D("2026-11-23")).ShouldBeTrue("ordinary Monday");
    }

    [Fact]
    public void A_year_without_an_arrangement_counts_weekends_only_and_is_provisional()
    {
        // 2027-01-01 is a Friday and surely a holiday, but no arrangement says so yet.
        var deadline = Shipped.AddWorkingDays(D("2027-01-01"), 3);

        deadline.Date.ShouldBe(D("2027-01-06"));
        deadline.Provisional.ShouldBeTrue();
    }

    [Fact]
    public void A_deadline_running_into_a_year_without_an_arrangement_is_provisional()
    {
        var deadline = Shipped.AddWorkingDays(D("2026-12-30"), 3);

        deadline.Date.ShouldBe(D("2027-01-04"));
        deadline.Provisional.ShouldBeTrue();
    }

    [Fact]
    public void Negative_working_days_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Shipped.AddWorkingDays(D("2026-01-05"), -1));
    }

    [Fact]
    public void Two_arrangements_for_one_year_are_refused()
    {
        var year = new CalendarYear(2026, new HashSet<DateOnly>(), new HashSet<DateOnly>());

        Should.Throw<ArgumentException>(() => new WorkingDayCalendar([year, year]));
    }

    [Theory]
    [InlineData("""{ "year": 2026, "holidays": [ { "name": "x", "from": "2026-02-15", "to": "2026-02-23", "makeUpWorkingDays": [ "2026-02-16" ] } ] }""", "not a weekend day")]
    [InlineData("""{ "year": 2026, "holidays": [ { "name": "x", "from": "2025-12-31", "to": "2026-01-01" } ] }""", "another year")]
    [InlineData("""{ "year": 2026, "holidays": [ { "name": "x", "from": "2026-02-23", "to": "2026-02-15" } ] }""", "ends before")]
    [InlineData("""{ "year": 2026, "holidays": [ { "name": "x", "from": "2026/02/15", "to": "2026-02-23" } ] }""", "yyyy-MM-dd")]
    [InlineData("""{ "holidays": [] }""", "expected a year")]
    [InlineData("""not json""", "not valid JSON")]
    public void A_broken_file_is_refused_saying_why(string json, string expected)
    {
        Should.Throw<FormatException>(() => CalendarFile.Parse(json)).Message.ShouldContain(expected);
    }
}
