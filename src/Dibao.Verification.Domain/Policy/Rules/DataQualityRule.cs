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
            var agency = AgencyCodes.DisplayName(answer.Source);
            yield return code switch
            {
                RefusalCodes.NameIdMismatch => new Reason(ReasonCodes.NameIdMismatch, ReasonSeverity.Review, member.IdNumber, answer.Source,
                    $"{agency}答复 NAME_ID_MISMATCH",
                    $"{agency}登记的姓名与申请填报的姓名“{member.Name}”不一致，需核实身份信息。"),

                // The agency did answer; saying it refused would send the caseworker to ask why it refused.
                RefusalCodes.UnreadableAnswer => new Reason(ReasonCodes.AgencyRefused, ReasonSeverity.Review, member.IdNumber, answer.Source,
                    $"{agency}答复 {code}",
                    $"{agency}关于{member.Name}的答复含有接口未约定的内容，无法识别（{code}），其收入或财产情况不明，需向该部门人工核实。"),
                _ => new Reason(ReasonCodes.AgencyRefused, ReasonSeverity.Review, member.IdNumber, answer.Source,
                    $"{agency}答复 {code}",
                    $"{agency}拒绝查询{member.Name}的信息（{code}），需人工核实。"),
            };
        }
    }
}
