using Dibao.Verification.Host.Consent;

namespace Dibao.Verification.Host.Tests.Consent;

/// <summary>How long an authorization lasts, counted in months that end on different days.</summary>
public sealed class ConsentOptionsTests
{
    [Theory]
    [InlineData(12, "2027-03-15", "2026-03-15")]
    [InlineData(12, "2029-02-28", "2028-02-29")]
    [InlineData(1, "2026-03-31", "2026-02-28")]
    [InlineData(1, "2026-03-27", "2026-02-27")]
    public void The_latest_signing_day_run_out_by_a_day_is_found_across_month_ends(int validFor, string day, string expected)
    {
        new ConsentOptions { ValidFor = validFor }.LatestSignedOnExpiredBy(DateOnly.Parse(day)).ShouldBe(DateOnly.Parse(expected));
    }

    [Fact]
    public void Every_authorization_signed_up_to_that_day_has_run_out_and_none_signed_after()
    {
        foreach (var validFor in new[] { 1, 6, 12, 24 })
        {
            var consent = new ConsentOptions { ValidFor = validFor };
            for (var day = new DateOnly(2027, 1, 1); day < new DateOnly(2029, 1, 1); day = day.AddDays(1))
            {
                var latest = consent.LatestSignedOnExpiredBy(day);
                consent.IsValid(latest, day).ShouldBeFalse($"{validFor} months, {day}: signed {latest}");
                consent.IsValid(latest.AddDays(1), day).ShouldBeTrue($"{validFor} months, {day}: signed {latest.AddDays(1)}");
                consent.ValidUntil(latest).ShouldBeLessThan(day);
                consent.ValidUntil(latest.AddDays(1)).ShouldBeGreaterThanOrEqualTo(day);
            }
        }
    }
}
