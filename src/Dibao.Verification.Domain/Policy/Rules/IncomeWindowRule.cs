using System.Globalization;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// The tax bureau answers for the income window it was asked about. An answer asked under a policy with a shorter window
/// than the one the household is evaluated under (a new policy file loaded while the answer was awaited) holds only part
/// of the months the policy averages over: divided by the policy's months, it would understate the income, and a household
/// could pass on it. Its income counts as unknown (<see cref="WageRule"/>, <see cref="OtherTaxedIncomeRule"/>) and the
/// household is incomplete, naming the tax bureau, until it is asked again for the whole window. A longer window asked
/// needs nothing: records outside the policy's are not counted.
/// </summary>
public static class IncomeWindowRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member, PolicyParameters parameters, DateOnly asOf)
    {
        var window = IncomeWindow.Before(asOf, parameters.IncomeLookbackMonths);
        foreach (var answer in member.From(AgencyCodes.Tax).Where(a => a.Tells && !a.Covers(window)))
        {
            var agency = AgencyCodes.DisplayName(answer.Source);
            var asked = answer.AskedWindow!;
            yield return new Reason(
                ReasonCodes.IncomeWindowNotCovered,
                ReasonSeverity.Incomplete,
                member.IdNumber,
                answer.Source,
                Invariant($"{agency}按{Span(asked)}（{asked.Months}个月）答复，现行政策的收入计算期间为{Span(window)}（{window.Months}个月）"),
                Invariant($"{agency}对{member.Name}的答复只涵盖{Span(asked)}的收入，未涵盖现行政策按{window.Months}个月计算的收入期间{Span(window)}，不能据此计算收入；请退回重新核对，向{agency}重新查询。"));
        }
    }

    private static string Span(IncomeWindow window) => Invariant($"{window.FromMonth:yyyy-MM}至{window.ToMonth:yyyy-MM}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
