using Dibao.Verification.Domain.Policy.Rules;

namespace Dibao.Verification.Domain.Policy;

/// <summary>Applies every rule to what the agencies said about a household. Pure: the same evidence always gives the same result.</summary>
public static class HouseholdEvaluator
{
    public static HouseholdEvaluation Evaluate(HouseholdEvidence household, PolicyParameters parameters)
    {
        ArgumentOutOfRangeException.ThrowIfZero(household.Members.Count);

        var reasons = new List<Reason>();
        var income = HouseholdIncomeRule.Assess(household, parameters);
        if (income.Reason is not null)
        {
            reasons.Add(income.Reason);
        }

        var (perCapitaAssets, assetsReason) = FinancialAssetsRule.Assess(household, parameters);
        if (assetsReason is not null)
        {
            reasons.Add(assetsReason);
        }

        foreach (var member in household.Members)
        {
            reasons.AddRange(VehicleRule.Assess(member));
            reasons.AddRange(BusinessRule.Assess(member, parameters));
            reasons.AddRange(DataQualityRule.Assess(member));
            reasons.AddRange(AvailabilityRule.Assess(member));
            reasons.AddRange(IncomeWindowRule.Assess(member, parameters, household.AsOf));
        }

        reasons.AddRange(StaffRelativeRule.Assess(household));
        reasons.AddRange(DuplicateEnrolmentRule.Assess(household));

        var declarations = DeclarationRule.Compare(household, income.Parts);
        reasons.AddRange(DeclarationRule.Assess(declarations, parameters));

        var anyAwaited = household.Members.Any(m => m.Answers.Any(a => a.State == AnswerState.Awaited));
        var ordered = reasons.OrderBy(r => r.Severity).ToList();
        return new HouseholdEvaluation(
            OutcomeRule.Decide(ordered, anyAwaited),
            income.PerCapitaMonthlyIncome,
            perCapitaAssets,
            ordered,
            Settled: !anyAwaited,
            declarations);
    }
}
