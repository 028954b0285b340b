using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Domain.Tests.Identity;

public class PersonNameTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张晓三", "张*三")]
    [InlineData("欧阳建国", "欧**国")]
    [InlineData(" 王五 ", "王*")]
    [InlineData("李", "*")]
    [InlineData("", "*")]
    [InlineData(null, "*")]
    [InlineData("阿卜杜·热合曼", "阿*****曼")]
    [InlineData("张𠀀三", "张*三")] // A character outside the basic plane is one character, not two halves.
    public void Names_are_masked_as_offices_post_them(string? name, string masked) =>
        PersonName.Mask(name).ShouldBe(masked);
}
