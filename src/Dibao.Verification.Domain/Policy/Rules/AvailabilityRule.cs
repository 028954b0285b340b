namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>An agency that has not answered by its deadline leaves the household incomplete, naming the agency.</summary>
public static class AvailabilityRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member) =>
        member.Answers
            .Where(a => a.State == AnswerState.Unavailable)
            .Select(a => new Reason(
                ReasonCodes.AgencyUnavailable,
                ReasonSeverity.Incomplete,
                member.IdNumber,
                a.Source,
                $"{AgencyCodes.DisplayName(a.Source)}超过答复时限未返回",
                $"{AgencyCodes.DisplayName(a.Source)}在规定时限内未返回{member.Name}的核对结果，需重新核对。"));
}
