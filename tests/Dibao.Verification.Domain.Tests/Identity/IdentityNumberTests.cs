using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Domain.Tests.Identity;

public class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("220105198003150018")]
    public void Published_examples_are_valid(string id) => IdentityNumber.Problem(id, Today).ShouldBeNull();

    [Fact]
    public void Lowercase_x_is_read_as_uppercase() =>
        IdentityNumber.Problem(IdentityNumber.Normalize(" 11010519491231002x "), Today).ShouldBeNull();

    [Theory]
    [InlineData("11010519491231002", "长度")]
    [InlineData("1101051949123100200", "长度")]
    [InlineData("1101A5194912310024", "前17位")]
    [InlineData("11010519491231002Y", "校验位必须")]
    [InlineData("110105194913310029", "出生日期")]
    [InlineData("110105203001010013", "出生日期")]
    [InlineData("440524188001010014", "出生日期")]
    [InlineData("110105194912310021", "校验位不正确")]
    public void Malformed_numbers_are_named(string id, string expected) =>
        IdentityNumber.Problem(id, Today)!.ShouldContain(expected);

    [Fact]
    public void Composed_numbers_carry_the_right_check_character()
    {
        var id = IdentityNumber.Compose("220105", new DateOnly(1980, 3, 15), 1);
        id.ShouldStartWith("22010519800315001");
        IdentityNumber.IsValid(id, Today).ShouldBeTrue();
    }

    [Fact]
    public void Mask_hides_birth_date_and_sequence() =>
        IdentityNumber.Mask("11010519491231002X").ShouldBe("110105********002X");
}
