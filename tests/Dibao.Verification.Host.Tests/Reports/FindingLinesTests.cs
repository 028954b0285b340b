using System.Text.Json;
using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Reports;

namespace Dibao.Verification.Host.Tests.Reports;

/// <summary>An agency may leave a descriptive field out: the line a caseworker reads then says so, rather than leaving a gap.</summary>
public sealed class FindingLinesTests
{
    private static List<string> Lines(PersonFacts facts) => [.. FindingLines.Of(JsonSerializer.SerializeToElement(facts, HubJson.Options))];

    [Fact]
    public void Income_without_a_payer_is_listed_as_from_an_unstated_payer()
    {
        var facts = new PersonFacts
        {
            TaxedIncome =
            [
                new TaxedIncomeFact(new DateOnly(2026, 8, 1), IncomeCategory.Business, null, 3000m, 0m),
                new TaxedIncomeFact(new DateOnly(2026, 9, 1), IncomeCategory.Business, null, 3000m, 0m),
            ],
        };

        Lines(facts).ShouldBe(["纳税收入：未注明付款单位，经营所得，2026年8月 至 2026年9月 共 2 个月，税前合计 6,000.00 元，纳税 0.00 元"]);
    }

    [Fact]
    public void Employment_and_a_housing_fund_account_without_an_employer_are_listed_as_such()
    {
        var facts = new PersonFacts
        {
            Employments = [new EmploymentFact(null, null, 4200m, new DateOnly(2023, 1, 1), null)],
            HousingFundAccounts =
                [new HousingFundAccountFact("2201001234567", HousingFundAccountStatus.Normal, null, 4200m, 840m, 35120.55m, new DateOnly(2026, 10, 1), null)],
        };

        Lines(facts).ShouldBe(
        [
            "社保缴费：未注明单位，缴费基数 4,200.00 元，2023年1月 至 今",
            "公积金账户 2201001234567（正常）：未注明单位，缴存基数 4,200.00 元，月缴存 840.00 元，余额 35,120.55 元，最近缴存 2026年10月",
        ]);
    }

    [Fact]
    public void A_vehicle_without_a_plate_is_listed_as_such()
    {
        var facts = new PersonFacts
        {
            Vehicles = [new VehicleFact(null, VehicleCategory.PassengerCar, "K33", null, VehicleRegistrationStatus.Normal, null, null, false)],
        };

        Lines(facts).ShouldBe(["机动车：未注明号牌，载客汽车，登记正常"]);
    }

    [Fact]
    public void An_entity_without_a_name_is_listed_by_its_credit_code()
    {
        var facts = new PersonFacts
        {
            Businesses = [new BusinessFact("92220105MA17XXXX2Q", null, BusinessType.IndividualBusiness, BusinessRole.Operator, 3m, BusinessStatus.Active, null, null)],
        };

        Lines(facts).ShouldBe(["市场主体：未注明名称（统一社会信用代码 92220105MA17XXXX2Q），个体工商户，经营者，注册资本 3 万元，存续"]);
    }

    [Fact]
    public void A_balance_whose_currency_the_bank_did_not_state_is_not_shown_as_yuan()
    {
        var facts = new PersonFacts { FinancialAccounts = [new FinancialAccountFact("ICBC", "6222****1234", FinancialProduct.Demand, 3000m, null)] };

        Lines(facts).ShouldBe(["金融资产：ICBC 账户 6222****1234，活期存款，余额 3,000.00 未注明币种"]);
    }
}
