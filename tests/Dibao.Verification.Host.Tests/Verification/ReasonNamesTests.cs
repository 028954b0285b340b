using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Tests.Verification;

public sealed class ReasonNamesTests
{
    [Fact]
    public void The_currency_review_is_named_for_unstated_currencies_too_not_only_foreign_ones() =>
        ReasonNames.Of(ReasonCodes.ForeignCurrencyAssetsReview).ShouldBe("家庭成员持有外币或未注明币种的金融资产，需人工核实");
}
