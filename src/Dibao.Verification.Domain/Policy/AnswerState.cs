namespace Dibao.Verification.Domain.Policy;

public enum AnswerState
{
    /// <summary>Asked, no answer yet, deadline not passed.</summary>
    Awaited = 1,

    /// <summary>The agency answered: records, no records, or a refusal about this person.</summary>
    Answered = 2,

    /// <summary>The deadline passed without an answer.</summary>
    Unavailable = 3,

    /// <summary>The agency refused the whole question (a wrong key, a request it calls malformed): nothing was learnt about the person.</summary>
    Refused = 4,
}
