using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Domain.Tests.Policy;

public sealed class AgencyCodesTests
{
    [Theory]
    [InlineData("tax", "tax")]
    [InlineData("bank:ICBC", "bank")]
    [InlineData("bank", "bank")]
    [InlineData("social-security", "social-security")]
    public void A_source_belongs_to_its_agency_and_each_bank_to_the_banks(string source, string agency) =>
        AgencyCodes.AgencyOf(source).ShouldBe(agency);

    [Theory]
    [InlineData("tax", "税务部门")]
    [InlineData("bank", "银行")]
    [InlineData("bank:ICBC", "银行（ICBC）")]
    [InlineData("banking", "banking")]
    public void A_caseworker_reads_the_agency_by_its_name_and_a_bank_by_its_code(string source, string name) =>
        AgencyCodes.DisplayName(source).ShouldBe(name);
}
