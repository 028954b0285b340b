using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

public class PropertyRulesTests
{
    private const string Id = "220105198003150012";
    private const string Spouse = "220105198505050023";

    private static AgencyAnswer Bank(string bank, params decimal[] balances) => Says(AgencyCodes.Bank + ":" + bank, new PersonFacts
    {
        FinancialAccounts = [.. balances.Select((b, i) => new FinancialAccountFact(bank, $"6222****{i:D4}", FinancialProduct.Demand, b, "CNY"))],
    });

    [Fact]
    public void Assets_exactly_at_the_limit_per_head_pass()
    {
        var household = Household(Member(Id, Bank("ICBC", 20000m), Bank("BOC", 10000m)), Member(Spouse, Bank("ICBC", 8400m), Bank("BOC")));

        var (perCapita, reason) = FinancialAssetsRule.Assess(household, Changchun);

        perCapita.ShouldBe(19200m);
        reason.ShouldBeNull();
    }

    [Fact]
    public void Assets_across_banks_above_the_limit_fail_with_every_account_named()
    {
        var household = Household(Member(Id, Bank("ICBC", 20000m), Bank("BOC", 10000m)), Member(Spouse, Bank("ICBC", 8400.02m), Bank("BOC")));

        var (_, reason) = FinancialAssetsRule.Assess(household, Changchun);

        reason!.Code.ShouldBe(ReasonCodes.FinancialAssetsAboveLimit);
        reason.Limit.ShouldBe(19200m);
        reason.Actual.ShouldBe(19200.01m);
        reason.Evidence.ShouldContain("6222****0000");
        reason.Evidence.ShouldContain("BOC");
        reason.Evidence.ShouldContain("活期");
    }

    [Fact]
    public void Assets_less_than_a_fen_a_head_above_the_limit_fail_and_say_so_with_the_household_total()
    {
        // 57,600.01 for three: 19,200.0033 a head, above the limit, shown as 19,200.00.
        var household = Household(Member(Id, Bank("ICBC", 57600.01m)), Member(Spouse, Bank("BOC")), Member("220105201001010016", Bank("BOC")));

        var (perCapita, reason) = FinancialAssetsRule.Assess(household, Changchun);

        perCapita.ShouldBe(19200m);
        reason!.Code.ShouldBe(ReasonCodes.FinancialAssetsAboveLimit);
        reason.Message.ShouldContain("合计57600.01元");
        reason.Message.ShouldContain("57600.00元");
        reason.Message.ShouldNotContain("人均金融资产19200.00元");
    }

    private static AgencyAnswer Account(string bank, decimal balance, string? currency) => Says(AgencyCodes.Bank + ":" + bank, new PersonFacts
    {
        FinancialAccounts = [new FinancialAccountFact(bank, "6217****0001", FinancialProduct.Time, balance, currency)],
    });

    [Fact]
    public void A_balance_in_another_currency_is_not_counted_as_yuan_and_sends_the_household_to_a_caseworker()
    {
        // 10,000 yuan and 3,000 dollars for two: counted as yuan, 6,500 a head would pass the 19,200 limit.
        var household = Household(Member(Id, Bank("ICBC", 10000m)), Member(Spouse, Account("BOC", 3000m, "USD")));

        var (perCapita, reason) = FinancialAssetsRule.Assess(household, Changchun);

        perCapita.ShouldBeNull();
        reason!.Code.ShouldBe(ReasonCodes.ForeignCurrencyAssetsReview);
        reason.Severity.ShouldBe(ReasonSeverity.Review);
        reason.IdNumber.ShouldBe(Spouse);
        reason.Actual.ShouldBe(5000m);
        reason.Limit.ShouldBe(19200m);
        reason.Evidence.ShouldContain("6217****0001");
        reason.Evidence.ShouldContain("3000.00 USD");
        reason.Message.ShouldContain("USD");
        HouseholdEvaluator.Evaluate(household, Changchun).Outcome.ShouldBe(Outcome.Review);
    }

    [Fact]
    public void A_balance_whose_currency_the_bank_did_not_state_is_not_counted_as_yuan_and_sends_the_household_to_a_caseworker()
    {
        var household = Household(Member(Id, Bank("ICBC", 10000m)), Member(Spouse, Account("BOC", 3000m, null)));

        var (perCapita, reason) = FinancialAssetsRule.Assess(household, Changchun);

        perCapita.ShouldBeNull();
        reason!.Code.ShouldBe(ReasonCodes.ForeignCurrencyAssetsReview);
        reason.Severity.ShouldBe(ReasonSeverity.Review);
        reason.IdNumber.ShouldBe(Spouse);
        reason.Actual.ShouldBe(5000m);
        reason.Evidence.ShouldEndWith("6217****0001 定期 3000.00 未注明币种");
        reason.Message.ShouldStartWith("家庭成员持有未注明币种的账户，核对中心无法折算为人民币；");
        HouseholdEvaluator.Evaluate(household, Changchun).Outcome.ShouldBe(Outcome.Review);
    }

    [Fact]
    public void Accounts_in_another_currency_and_in_an_unstated_one_are_named_each_their_way()
    {
        var household = Household(Member(Id, Account("ICBC", 100m, "USD")), Member(Spouse, Account("BOC", 3000m, null)));

        var (_, reason) = FinancialAssetsRule.Assess(household, Changchun);

        reason!.Message.ShouldStartWith("家庭成员持有USD账户、未注明币种的账户，");
    }

    [Fact]
    public void Yuan_alone_above_the_limit_fails_whatever_the_other_currencies_hold()
    {
        var household = Household(Member(Id, Bank("ICBC", 40000m)), Member(Spouse, Account("BOC", 100m, "USD")));

        var (perCapita, reason) = FinancialAssetsRule.Assess(household, Changchun);

        reason!.Code.ShouldBe(ReasonCodes.FinancialAssetsAboveLimit);
        reason.Actual.ShouldBe(20000m);
        perCapita.ShouldBe(20000m);
        reason.Evidence.ShouldNotContain("USD");
    }

    [Fact]
    public void An_empty_account_in_another_currency_changes_nothing()
    {
        var household = Household(Member(Id, Bank("ICBC", 10000m)), Member(Spouse, Account("BOC", 0m, "USD")));

        var (perCapita, reason) = FinancialAssetsRule.Assess(household, Changchun);

        perCapita.ShouldBe(5000m);
        reason.ShouldBeNull();
    }

    [Fact]
    public void Without_any_bank_consulted_assets_are_not_assessed() =>
        FinancialAssetsRule.Assess(Household(Member(Id, Nothing(AgencyCodes.SocialSecurity))), Changchun).PerCapita.ShouldBeNull();

    private static VehicleFact Vehicle(VehicleCategory category, VehicleRegistrationStatus status, bool adapted = false, string plate = "吉A12345") =>
        new(plate, category, category == VehicleCategory.PassengerCar ? "K33" : "M21", "A", status, new DateOnly(2019, 6, 1), "大众", adapted);

    [Theory]
    [InlineData(VehicleCategory.PassengerCar, VehicleRegistrationStatus.Normal, false, true)]
    [InlineData(VehicleCategory.PassengerCar, VehicleRegistrationStatus.UnresolvedViolations, false, true)]
    [InlineData(VehicleCategory.Truck, VehicleRegistrationStatus.Normal, false, true)]
    [InlineData(VehicleCategory.PassengerCar, VehicleRegistrationStatus.TransferredOut, false, false)]
    [InlineData(VehicleCategory.PassengerCar, VehicleRegistrationStatus.Deregistered, false, false)]
    [InlineData(VehicleCategory.Motorcycle, VehicleRegistrationStatus.Normal, false, false)]
    [InlineData(VehicleCategory.ThreeWheeledOrLowSpeed, VehicleRegistrationStatus.Normal, false, false)]
    [InlineData(VehicleCategory.PassengerCar, VehicleRegistrationStatus.Normal, true, false)]
    public void Held_vehicles_disqualify_unless_exempt(VehicleCategory category, VehicleRegistrationStatus status, bool adapted, bool disqualifies)
    {
        var member = Member(Id, Says(AgencyCodes.Vehicle, new PersonFacts { Vehicles = [Vehicle(category, status, adapted)] }));

        VehicleRule.Assess(member).Any().ShouldBe(disqualifies);
    }

    [Fact]
    public void One_reason_per_held_vehicle_naming_the_plate()
    {
        var member = Member(Id, Says(AgencyCodes.Vehicle, new PersonFacts
        {
            Vehicles = [Vehicle(VehicleCategory.PassengerCar, VehicleRegistrationStatus.Normal, plate: "吉A11111"), Vehicle(VehicleCategory.Truck, VehicleRegistrationStatus.Normal, plate: "吉A22222")],
        }));

        var reasons = VehicleRule.Assess(member).ToList();

        reasons.Count.ShouldBe(2);
        reasons.ShouldAllBe(r => r.Code == ReasonCodes.VehicleOwned && r.IdNumber == Id && r.Agency == AgencyCodes.Vehicle);
        reasons[1].Evidence.ShouldContain("吉A22222");
        reasons[1].Evidence.ShouldContain("状态正常");
    }

    [Fact]
    public void A_held_car_without_a_plate_or_use_still_disqualifies_and_says_what_was_not_given()
    {
        var car = new VehicleFact(null, VehicleCategory.PassengerCar, "K33", null, VehicleRegistrationStatus.Normal, null, null, false);
        var member = Member(Id, Says(AgencyCodes.Vehicle, new PersonFacts { Vehicles = [car] }));

        var reason = VehicleRule.Assess(member).ShouldHaveSingleItem();

        reason.Code.ShouldBe(ReasonCodes.VehicleOwned);
        reason.Severity.ShouldBe(ReasonSeverity.Fail);
        reason.Evidence.ShouldBe("未注明号牌，车辆类型K33，未注明使用性质，状态正常");
        reason.Message.ShouldBe("张三名下登记有机动车（未注明号牌），不属于摩托车、三轮或低速车、残疾人专用车。");
    }

    private static PersonFacts Business(BusinessType type, decimal capitalWan, BusinessStatus status = BusinessStatus.Active) => new()
    {
        Businesses = [new BusinessFact("92220105MA17XXXX2Q", "朝阳区建国小吃店", type, BusinessRole.Operator, capitalWan, status, new DateOnly(2021, 4, 12), null)],
    };

    [Theory]
    [InlineData(BusinessType.Company, 1, ReasonCodes.BusinessOwned, ReasonSeverity.Fail, "企业")]
    [InlineData(BusinessType.IndividualBusiness, 10.01, ReasonCodes.BusinessOwned, ReasonSeverity.Fail, "个体工商户")]
    [InlineData(BusinessType.IndividualBusiness, 10, ReasonCodes.IndividualBusinessReview, ReasonSeverity.Review, "个体工商户")]
    [InlineData(BusinessType.IndividualBusiness, 3, ReasonCodes.IndividualBusinessReview, ReasonSeverity.Review, "个体工商户")]
    [InlineData(BusinessType.FarmerCooperative, 500, ReasonCodes.CooperativeReview, ReasonSeverity.Review, "农民专业合作社")]
    public void Active_businesses(BusinessType type, double capital, string code, ReasonSeverity severity, string typeName)
    {
        var reason = BusinessRule.Assess(Member(Id, Says(AgencyCodes.BusinessRegistry, Business(type, (decimal)capital))), Changchun).Single();

        reason.Code.ShouldBe(code);
        reason.Severity.ShouldBe(severity);
        reason.Evidence.ShouldContain("92220105MA17XXXX2Q");
        reason.Evidence.ShouldContain(typeName);
    }

    [Fact]
    public void A_company_without_a_name_still_disqualifies_and_is_named_by_its_credit_code()
    {
        var company = new BusinessFact("91220101MA14ABCD1X", null, BusinessType.Company, BusinessRole.LegalRepresentative, 500m, BusinessStatus.Active, null, null);

        var reason = BusinessRule.Assess(Member(Id, Says(AgencyCodes.BusinessRegistry, new PersonFacts { Businesses = [company] })), Changchun).Single();

        reason.Code.ShouldBe(ReasonCodes.BusinessOwned);
        reason.Severity.ShouldBe(ReasonSeverity.Fail);
        reason.Evidence.ShouldBe("未注明名称（统一社会信用代码91220101MA14ABCD1X），企业，法定代表人，注册资本500万元");
        reason.Message.ShouldBe("张三是企业（未注明名称，统一社会信用代码91220101MA14ABCD1X）的法定代表人。");
    }

    [Theory]
    [InlineData(BusinessStatus.Deregistered)]
    [InlineData(BusinessStatus.Revoked)]
    public void Businesses_that_no_longer_exist_do_not_count(BusinessStatus status) =>
        BusinessRule.Assess(Member(Id, Says(AgencyCodes.BusinessRegistry, Business(BusinessType.Company, 100m, status))), Changchun).ShouldBeEmpty();
}
