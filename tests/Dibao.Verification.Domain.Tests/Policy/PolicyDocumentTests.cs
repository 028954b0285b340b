using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Domain.Tests.Policy;

public class PolicyDocumentTests
{
    private const string Json = """
        {
          // comments are allowed: offices annotate their figures
          "name": "test",
          "defaults": { "incomeLookbackMonths": 12, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false },
          "jurisdictions": {
            "2201": { "monthlyStandard": 800.00 },
            "220183": { "monthlyStandard": 600.00 },
            "220183101": { "countResidentPension": true }
          }
        }
        """;

    private readonly PolicyDocument _policy = PolicyDocument.Parse(Json);

    [Fact]
    public void A_township_inherits_its_city_standard() =>
        _policy.Resolve("220105001")!.MonthlyStandard.ShouldBe(800m);

    [Fact]
    public void A_county_overrides_its_city() =>
        _policy.Resolve("220183001")!.MonthlyStandard.ShouldBe(600m);

    [Fact]
    public void A_township_overrides_only_what_it_sets()
    {
        var parameters = _policy.Resolve("220183101")!;
        parameters.CountResidentPension.ShouldBeTrue();
        parameters.MonthlyStandard.ShouldBe(600m);
        parameters.IncomeLookbackMonths.ShouldBe(12);
    }

    [Fact]
    public void A_city_without_a_standard_resolves_to_nothing() => _policy.Resolve("310105001").ShouldBeNull();

    [Fact]
    public void The_asset_limit_is_months_of_the_standard() => _policy.Resolve("220105001")!.FinancialAssetLimitPerCapita.ShouldBe(19200m);

    [Theory]
    [InlineData("""{ "name": "x", "jurisdictions": { "22": { "monthlyStandard": 800 } } }""", "4, 6 or 9 digits")]
    [InlineData("""{ "name": "x", "jurisdictions": { "2201": { "monthlyStandard": -1 } } }""", "monthlyStandard must be positive")]
    [InlineData("""{ "name": "x", "defaults": { "incomeLookbackMonths": 0 } }""", "incomeLookbackMonths")]
    [InlineData("""{ "name": "x", "defaults": { "monthlyStandard": 800 } }""", "defaults: monthlyStandard is set per city")]
    [InlineData("""{ "name": "x", "jurisdictions": { "2201": { "monthlyStandard": 800 }, "220283": { "monthlyStandard": 600 } } }""", "'220283': overrides monthlyStandard, but its city 2202 sets none")]
    [InlineData("""{ "name": "x", "defaults": { "incomeLookbackMonths": 12, "countResidentPension": false }, "jurisdictions": { "2201": { "monthlyStandard": 800, "depositMonthsOfStandard": 24 } } }""",
        "city '2201': businessCapitalLimitWan, housingFundRecentMonths set neither in defaults nor for the city")]
    [InlineData("""{ "name": "x", "jurisdictions": { "2201": { "monthlyStandard": 800 }, "220183": { "monthlyStandart": 600 } } }""", "monthlyStandart")]
    [InlineData("""{ "name": "x", "default": { "incomeLookbackMonths": 24 }, "jurisdictions": { "2201": { "monthlyStandard": 800 } } }""", "default")]
    [InlineData("""{ "name": "x", "jurisdictions": { "2201": { "monthlyStandard": 800, "monthlyStandard": 900 } } }""", "monthlyStandard")]
    public void Invalid_files_are_refused_with_the_reason(string json, string expected) =>
        Should.Throw<InvalidDataException>(() => PolicyDocument.Parse(json)).Message.ShouldContain(expected);

    /// <summary>The defaults are a convenience: a city may set every parameter itself.</summary>
    [Fact]
    public void A_city_with_every_parameter_of_its_own_needs_no_defaults() =>
        PolicyDocument.Parse("""
            { "name": "x", "jurisdictions": { "2201": { "monthlyStandard": 800, "incomeLookbackMonths": 12, "depositMonthsOfStandard": 24,
              "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false } } }
            """).Resolve("220105001")!.HousingFundRecentMonths.ShouldBe(3);
}
