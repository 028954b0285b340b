using Dibao.Verification.Messaging.Telemetry;

namespace Dibao.Verification.Host.Tests.Telemetry;

public sealed class IdentityNumberRedactionTests
{
    [Theory]
    [InlineData("http://ss/api/v1/insured-persons/220105198001011234?asOf=2026-11-15", "http://ss/api/v1/insured-persons/220105********1234?asOf=2026-11-15")]
    [InlineData("http://vehicle/vehicle/v1/query?sfzmhm=22010519800101123X", "http://vehicle/vehicle/v1/query?sfzmhm=220105********123X")]
    [InlineData("ids 22010519800101123x,220105198001011234", "ids 220105********123x,220105********1234")]
    public void Identity_numbers_in_text_keep_only_their_first_six_and_last_four_characters(string text, string expected) =>
        IdentityNumberRedaction.Redact(text).ShouldBe(expected);

    [Theory]
    [InlineData("6222021234567890123")]
    [InlineData("http://bank/open/v1/deposit-inquiries/T-2026-000123")]
    [InlineData("2201051980010112")]
    public void Longer_and_shorter_numbers_are_left_alone(string text)
    {
        IdentityNumberRedaction.Contains(text).ShouldBeFalse();
        IdentityNumberRedaction.Redact(text).ShouldBe(text);
    }
}
