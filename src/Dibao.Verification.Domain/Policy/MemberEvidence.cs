namespace Dibao.Verification.Domain.Policy;

/// <summary>A household member and every answer the hub has for them, one per agency consulted.</summary>
/// <param name="Declared">What the household declared for this member; null when it declared nothing for them.</param>
public sealed record MemberEvidence(string IdNumber, string Name, IReadOnlyList<AgencyAnswer> Answers, Declaration? Declared = null)
{
    /// <summary>The answers from one agency (several for banks); empty when the agency was not consulted.</summary>
    public IEnumerable<AgencyAnswer> From(string agency) => Answers.Where(a => a.Agency == agency);

    /// <summary>
    /// How far an agency's answers are known: not consulted (null), all answered, or some awaited or unavailable.
    /// </summary>
    public AnswerState? StateOf(string agency)
    {
        AnswerState? state = null;
        foreach (var answer in From(agency))
        {
            if (answer.State != AnswerState.Answered)
            {
                return answer.State;
            }

            state = AnswerState.Answered;
        }

        return state;
    }
}
