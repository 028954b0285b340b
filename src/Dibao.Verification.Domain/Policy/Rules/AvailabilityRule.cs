namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// An agency that has not answered by its deadline, or that refused the whole question, leaves the household
/// incomplete, naming the agency (and its code): nothing is known about the member there, so nothing may pass.
/// </summary>
public static class AvailabilityRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member)
    {
        foreach (var answer in member.Answers)
        {
            var agency = AgencyCodes.DisplayName(answer.Source);
            if (answer.State == AnswerState.Unavailable)
            {
                yield return new Reason(
                    ReasonCodes.AgencyUnavailable,
                    ReasonSeverity.Incomplete,
                    member.IdNumber,
                    answer.Source,
                    $"{agency}超过答复时限未返回",
                    $"{agency}在规定时限内未返回{member.Name}的核对结果，需重新核对。");
            }
            else if (answer.State == AnswerState.Refused)
            {
                yield return new Reason(
                    ReasonCodes.AgencyQueryRefused,
                    ReasonSeverity.Incomplete,
                    member.IdNumber,
                    answer.Source,
                    $"{agency}拒绝了整个查询（{answer.QueryRefusalCode}）",
                    $"{agency}拒绝了包含{member.Name}的查询（{answer.QueryRefusalCode}），未返回任何核对结果；请检查与该部门的接口配置后重新核对。");
            }
        }
    }
}
