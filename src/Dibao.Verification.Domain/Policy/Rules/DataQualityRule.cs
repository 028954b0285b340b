using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>Refusals about a person (a name the agency holds differently, a number it rejects) go to a caseworker; they never pass silently.</summary>
public static class DataQualityRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member)
    {
        foreach (var answer in member.Answers.Where(a => a.IsRefused))
        {
            var code = answer.Finding!.RefusalCode;
            yield return code == RefusalCodes.NameIdMismatch
                ? new Reason(ReasonCodes.NameIdMismatch, ReasonSeverity.Review, member.IdNumber, answer.Source,
                    $"{AgencyCodes.DisplayName(answer.Source)}答复 NAME_ID_MISMATCH",
                    $"{AgencyCodes.DisplayName(answer.Source)}登记的姓名与申请填报的姓名“{member.Name}”不一致，需核实身份信息。")
                : new Reason(ReasonCodes.AgencyRefused, ReasonSeverity.Review, member.IdNumber, answer.Source,
                    $"{AgencyCodes.DisplayName(answer.Source)}答复 {code}",
                    $"{AgencyCodes.DisplayName(answer.Source)}拒绝查询{member.Name}的信息（{code}），需人工核实。");
        }
    }
}
