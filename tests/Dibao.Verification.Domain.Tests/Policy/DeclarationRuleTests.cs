using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Domain.Policy.Rules;
using static Dibao.Verification.Domain.Tests.Policy.Evidence;

namespace Dibao.Verification.Domain.Tests.Policy;

public class DeclarationRuleTests
{
    private const string Id = "220105198003150012";
    private const string Spouse = "220105198505050023";

    private static AgencyAnswer Bank(params decimal[] balances) => Says(AgencyCodes.Bank + ":ICBC", new PersonFacts
    {
        FinancialAccounts = [.. balances.Select((b, i) => new FinancialAccountFact("ICBC", $"6222****{i:D4}", FinancialProduct.Demand, b, "CNY"))],
    });

    private static AgencyAnswer Pays(decimal monthly) => Says(AgencyCodes.SocialSecurity, Pension(PensionScheme.EnterpriseEmployee, monthly));

    private static MemberEvidence Declaring(string id, decimal? income, decimal? assets, params AgencyAnswer[] answers) =>
        new(id, "张三", answers, new Declaration(income, assets));

    [Fact]
    public void Found_assets_per_head_just_over_the_tolerance_give_a_mismatch_for_review_with_both_figures()
    {
        // Declared 10,000 per head; 10 % more is 11,000: one fen above it is a mismatch.
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Declaring(Id, null, 12000m, Bank(11000.01m)), Declaring(Spouse, null, 8000m, Bank(11000.01m))), Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Review);
        var reason = evaluation.Reasons.Single();
        (reason.Code, reason.Severity, reason.Actual, reason.Limit).ShouldBe((ReasonCodes.DeclarationMismatch, ReasonSeverity.Review, 11000.01m, 10000m));
        reason.Message.ShouldContain("11000.01");
        reason.Message.ShouldContain("10000.00");
    }

    [Fact]
    public void Found_assets_are_unknown_when_a_member_holds_another_currency()
    {
        var dollars = Says(AgencyCodes.Bank + ":BOC", new PersonFacts
        {
            FinancialAccounts = [new FinancialAccountFact("BOC", "6217****0001", FinancialProduct.Demand, 500m, "USD")],
        });

        var comparison = DeclarationRule.Compare(Household(Declaring(Id, null, 1000m, Bank(900m), dollars)), [])!;

        comparison.Members.Single().Figures.FoundFinancialAssets.ShouldBeNull();
        comparison.PerCapita.FoundFinancialAssets.ShouldBeNull();
    }

    [Fact]
    public void Found_assets_are_unknown_when_a_bank_refused_to_answer_about_the_member()
    {
        var comparison = DeclarationRule.Compare(Household(Declaring(Id, null, 1000m, Bank(900m), Refuses(AgencyCodes.Bank + ":BOC", "NAME_ID_MISMATCH"))), [])!;

        comparison.Members.Single().Figures.FoundFinancialAssets.ShouldBeNull("a refusal is not an empty account list");
        comparison.PerCapita.FoundFinancialAssets.ShouldBeNull();
    }

    [Fact]
    public void Found_assets_per_head_exactly_at_the_tolerance_pass()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Declaring(Id, null, 12000m, Bank(11000m)), Declaring(Spouse, null, 8000m, Bank(11000m))), Changchun);

        evaluation.Outcome.ShouldBe(Outcome.Pass);
        evaluation.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Found_income_per_head_just_over_the_jurisdictions_tolerance_is_a_mismatch_and_just_under_is_not()
    {
        var strict = Changchun with { DeclarationTolerance = 0.05m };

        var over = HouseholdEvaluator.Evaluate(Household(Declaring(Id, 400m, null, Pays(420.01m))), strict);
        var under = HouseholdEvaluator.Evaluate(Household(Declaring(Id, 400m, null, Pays(419.99m))), strict);

        over.Reasons.Single().Code.ShouldBe(ReasonCodes.DeclarationMismatch);
        (over.Reasons[0].Actual, over.Reasons[0].Limit).ShouldBe((420.01m, 400m));
        over.Outcome.ShouldBe(Outcome.Review);
        under.Outcome.ShouldBe(Outcome.Pass);
        under.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Found_below_what_was_declared_is_no_mismatch()
    {
        var evaluation = HouseholdEvaluator.Evaluate(Household(Declaring(Id, 700m, 50000m, Pays(100m), Bank(10m))), Changchun);

        evaluation.Reasons.ShouldBeEmpty();
        evaluation.Outcome.ShouldBe(Outcome.Pass);
    }

    [Fact]
    public void The_comparison_shows_each_member_the_total_and_per_head_with_differences()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Declaring(Id, 300m, 1000m, Pays(350m), Bank(1500m)), new MemberEvidence(Spouse, "李四", [Pays(100m), Bank(500m)])), Changchun);

        var comparison = evaluation.Declarations.ShouldNotBeNull();
        comparison.Members.Select(m => m.IdNumber).ShouldBe([Id, Spouse]);
        var first = comparison.Members[0].Figures;
        (first.DeclaredMonthlyIncome, first.FoundMonthlyIncome, first.MonthlyIncomeDifference).ShouldBe((300m, 350m, 50m));
        (first.DeclaredFinancialAssets, first.FoundFinancialAssets, first.FinancialAssetsDifference).ShouldBe((1000m, 1500m, 500m));
        var second = comparison.Members[1].Figures;
        (second.DeclaredMonthlyIncome, second.FoundMonthlyIncome, second.MonthlyIncomeDifference).ShouldBe((null, 100m, null));
        (comparison.Total.DeclaredMonthlyIncome, comparison.Total.FoundMonthlyIncome).ShouldBe((300m, 450m));
        (comparison.PerCapita.DeclaredMonthlyIncome, comparison.PerCapita.FoundMonthlyIncome, comparison.PerCapita.MonthlyIncomeDifference).ShouldBe((150m, 225m, 75m));
        (comparison.PerCapita.DeclaredFinancialAssets, comparison.PerCapita.FoundFinancialAssets).ShouldBe((500m, 1000m));
        evaluation.Reasons.Select(r => r.Code).ShouldBe([ReasonCodes.DeclarationMismatch, ReasonCodes.DeclarationMismatch]);
    }

    [Fact]
    public void A_household_without_declarations_is_evaluated_as_before_with_no_comparison()
    {
        var members = new[] { Member(Id, Pays(700m), Bank(90000m)) };

        var evaluation = HouseholdEvaluator.Evaluate(Household(members), Changchun);

        evaluation.Declarations.ShouldBeNull();
        evaluation.Reasons.Select(r => r.Code).ShouldBe([ReasonCodes.FinancialAssetsAboveLimit]);
        DeclarationRule.Compare(Household(Declaring(Id, null, null, Pays(700m))), []).ShouldBeNull("an empty declaration is no declaration");
    }

    [Fact]
    public void A_found_figure_still_unknown_gives_no_mismatch()
    {
        var evaluation = HouseholdEvaluator.Evaluate(
            Household(Declaring(Id, 0m, 0m, AgencyAnswer.Unavailable(AgencyCodes.SocialSecurity), AgencyAnswer.Unavailable(AgencyCodes.Bank + ":ICBC"))), Changchun);

        evaluation.Reasons.ShouldNotContain(r => r.Code == ReasonCodes.DeclarationMismatch);
        evaluation.Declarations!.PerCapita.FoundMonthlyIncome.ShouldBeNull();
    }

    [Theory]
    [InlineData(1000, 1100, 0.10, false)]
    [InlineData(1000, 1100.01, 0.10, true)]
    [InlineData(0, 0.01, 0.10, true)]
    [InlineData(0, 0, 0.10, false)]
    [InlineData(1000, 1000.01, 0, true)]
    public void Exceeds_is_strictly_above_the_declared_figure_plus_the_tolerance(decimal declared, decimal found, decimal tolerance, bool exceeds) =>
        DeclarationRule.Exceeds(declared, found, tolerance).ShouldBe(exceeds);

    [Fact]
    public void The_tolerance_is_inherited_down_the_division_tree_and_defaults_to_ten_percent()
    {
        var document = PolicyDocument.Parse("""
            { "name": "t", "defaults": { "incomeLookbackMonths": 12, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false }, "jurisdictions": { "2201": { "monthlyStandard": 800, "declarationTolerance": 0.2 }, "220105": { "declarationTolerance": 0.05 }, "2202": { "monthlyStandard": 700 } } }
            """);

        document.Resolve("220105001")!.DeclarationTolerance.ShouldBe(0.05m);
        document.Resolve("220106001")!.DeclarationTolerance.ShouldBe(0.2m);
        document.Resolve("220201001")!.DeclarationTolerance.ShouldBe(0.10m);
        Should.Throw<InvalidDataException>(() => PolicyDocument.Parse("""{ "name": "t", "defaults": { "declarationTolerance": -0.1 } }"""));
    }
}
