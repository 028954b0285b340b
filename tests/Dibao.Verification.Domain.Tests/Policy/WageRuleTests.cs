using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

public class WageRuleTests
{
    private const string Id = "220105198003150012";

    [Fact]
    public void Tax_wages_in_the_window_are_averaged_over_the_lookback_months()
    {
        var member = Member(Id,
            Says(AgencyCodes.Tax, Taxed((Month(2026, 9), IncomeCategory.Wages, 5200m), (Month(2026, 10), IncomeCategory.Wages, 5200m), (Month(2025, 10), IncomeCategory.Wages, 99999m))),
            Says(AgencyCodes.SocialSecurity, Employment(4200m, Month(2023, 1))));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Amount.ShouldBe(10400m / 12);
        part.Agency.ShouldBe(AgencyCodes.Tax);
        part.Known.ShouldBeTrue();
    }

    [Fact]
    public void Wages_from_a_payer_the_bureau_did_not_name_count_and_say_so()
    {
        var member = Member(Id, Says(AgencyCodes.Tax, new PersonFacts
        {
            TaxedIncome =
            [
                new TaxedIncomeFact(Month(2026, 9), IncomeCategory.Wages, "某商贸公司", 5200m, 0m),
                new TaxedIncomeFact(Month(2026, 10), IncomeCategory.Wages, null, 1000m, 0m),
            ],
        }));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Amount.ShouldBe(6200m / 12);
        part.Known.ShouldBeTrue();
        part.Evidence.ShouldContain("（某商贸公司、未注明付款单位，2个月份）");
    }

    [Fact]
    public void Without_tax_wages_the_largest_open_contribution_base_counts()
    {
        var member = Member(Id,
            Nothing(AgencyCodes.Tax),
            Says(AgencyCodes.SocialSecurity, new PersonFacts
            {
                Employments =
                [
                    new EmploymentFact("甲", null, 3000m, Month(2023, 1), null),
                    new EmploymentFact("乙", null, 3500m, Month(2024, 1), Month(2026, 11)),
                    new EmploymentFact("丙", null, 9000m, Month(2020, 1), Month(2026, 10)),
                ],
            }),
            Says(AgencyCodes.HousingFund, HousingFund(6000m, Month(2026, 10))));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Amount.ShouldBe(3500m);
        part.Agency.ShouldBe(AgencyCodes.SocialSecurity);
    }

    [Fact]
    public void An_open_contribution_without_an_employer_name_counts_and_says_so()
    {
        var member = Member(Id,
            Nothing(AgencyCodes.Tax),
            Says(AgencyCodes.SocialSecurity, new PersonFacts { Employments = [new EmploymentFact(null, null, 3500m, Month(2024, 1), null)] }));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Amount.ShouldBe(3500m);
        part.Evidence.ShouldStartWith("社保在缴：未注明单位，缴费基数3500.00元");
    }

    [Fact]
    public void A_housing_fund_base_without_an_employer_counts_and_says_so()
    {
        var account = new HousingFundAccountFact("2201001234567", HousingFundAccountStatus.Normal, null, 4200m, 840m, 1000m, Month(2026, 10), null);
        var member = Member(Id, Nothing(AgencyCodes.SocialSecurity), Says(AgencyCodes.HousingFund, new PersonFacts { HousingFundAccounts = [account] }));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Amount.ShouldBe(4200m);
        part.Evidence.ShouldStartWith("公积金正常缴存：账户2201001234567，未注明单位，缴存基数4200.00元");
    }

    [Theory]
    [InlineData(2026, 8, 4200)]
    [InlineData(2026, 7, 0)]
    [InlineData(2026, 11, 4200)]
    public void A_housing_fund_base_counts_when_the_last_deposit_is_recent_enough(int year, int month, int expected)
    {
        var member = Member(Id, Nothing(AgencyCodes.SocialSecurity), Says(AgencyCodes.HousingFund, HousingFund(4200m, Month(year, month))));

        WageRule.Estimate(member, Changchun, AsOf).Amount.ShouldBe(expected);
    }

    [Theory]
    [InlineData(HousingFundAccountStatus.Sealed)]
    [InlineData(HousingFundAccountStatus.Closed)]
    public void Sealed_or_closed_housing_fund_accounts_show_no_wages(HousingFundAccountStatus status)
    {
        var member = Member(Id, Nothing(AgencyCodes.SocialSecurity), Says(AgencyCodes.HousingFund, HousingFund(4200m, Month(2026, 10), status)));

        WageRule.Estimate(member, Changchun, AsOf).Amount.ShouldBe(0m);
    }

    [Fact]
    public void Only_one_source_counts_for_a_member()
    {
        var member = Member(Id,
            Says(AgencyCodes.SocialSecurity, Employment(4200m, Month(2023, 1))),
            Says(AgencyCodes.HousingFund, HousingFund(4200m, Month(2026, 10))));

        WageRule.Estimate(member, Changchun, AsOf).Amount.ShouldBe(4200m);
    }

    [Fact]
    public void A_lower_source_waits_while_a_higher_one_is_awaited()
    {
        var member = Member(Id,
            AgencyAnswer.Awaited(AgencyCodes.Tax),
            Says(AgencyCodes.SocialSecurity, Employment(4200m, Month(2023, 1))));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Known.ShouldBeFalse();
        part.Amount.ShouldBe(0m);
    }

    [Theory]
    [InlineData(RefusalCodes.NameIdMismatch, false)]
    [InlineData("HTTP_401", true)]
    public void A_tax_refusal_leaves_wages_unknown_rather_than_estimated(string code, bool wholeQuestion)
    {
        var member = Member(Id,
            wholeQuestion ? AgencyAnswer.QueryRefused(AgencyCodes.Tax, code) : Refuses(AgencyCodes.Tax, code),
            Says(AgencyCodes.SocialSecurity, Employment(4200m, Month(2023, 1))),
            Says(AgencyCodes.HousingFund, HousingFund(6000m, Month(2026, 10))));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Known.ShouldBeFalse();
        part.Amount.ShouldBe(0m);
        part.Agency.ShouldBe(AgencyCodes.Tax);
    }

    [Fact]
    public void A_social_security_refusal_leaves_wages_unknown_rather_than_taken_from_the_housing_fund()
    {
        var member = Member(Id,
            Nothing(AgencyCodes.Tax),
            AgencyAnswer.QueryRefused(AgencyCodes.SocialSecurity, "HTTP_403"),
            Says(AgencyCodes.HousingFund, HousingFund(6000m, Month(2026, 10))));

        var part = WageRule.Estimate(member, Changchun, AsOf);

        part.Known.ShouldBeFalse();
        part.Agency.ShouldBe(AgencyCodes.SocialSecurity);
    }
}
