namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// An agency that has not answered by its deadline, or that refused the whole question, leaves the household
/// incomplete, naming the agency (and its code): nothing is known about the member there, so nothing may pass.
/// </summary>
public static class AvailabilityRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member)
    {
        // The hub itself withheld these questions: one reason for the member, not one per agency never asked.
        var withheld = member.Answers.Where(IsWithheldForConsent).Select(a => AgencyCodes.DisplayName(a.Source)).ToList();
        if (withheld.Count > 0)
        {
            yield return new Reason(
                ReasonCodes.ConsentExpired,
                ReasonSeverity.Incomplete,
                member.IdNumber,
                null,
                $"授权书已过有效期，未向{string.Join("、", withheld)}查询",
                $"家庭的授权书在查询时已超过有效期，未向任何部门查询{member.Name}；请家庭重新签署授权书，以更正提交新的授权书后重新核对。");
        }

        foreach (var answer in member.Answers.Where(a => !IsWithheldForConsent(a)))
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

    private static bool IsWithheldForConsent(AgencyAnswer answer) =>
        answer.State == AnswerState.Refused && answer.QueryRefusalCode == ReasonCodes.ConsentExpired;
}
