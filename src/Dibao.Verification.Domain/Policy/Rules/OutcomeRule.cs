namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// Fail on any disqualifying reason, even with answers missing; otherwise incomplete, pending, review,
/// and pass only when every answer is in and nothing asks for a look.
/// </summary>
public static class OutcomeRule
{
    public static Outcome Decide(IReadOnlyCollection<Reason> reasons, bool anyAwaited)
    {
        if (reasons.Any(r => r.Severity == ReasonSeverity.Fail))
        {
            return Outcome.Fail;
        }

        if (reasons.Any(r => r.Severity == ReasonSeverity.Incomplete))
        {
            return Outcome.Incomplete;
        }

        if (anyAwaited)
        {
            return Outcome.Pending;
        }

        return reasons.Any(r => r.Severity == ReasonSeverity.Review) ? Outcome.Review : Outcome.Pass;
    }
}
