namespace Dibao.Verification.Host.Confirmation;

/// <summary>What a decision on a case did, or why it was refused; a refused decision changed nothing.</summary>
/// <param name="RefusalCode">The refusal's <see cref="Problems.ProblemCodes"/> code.</param>
public sealed record CaseTransition(string? Refusal, bool Confirmed = false, bool Reverify = false, string? RefusalCode = null)
{
    public bool Accepted => Refusal is null;

    public static CaseTransition Refused(string code, string refusal) => new(refusal, RefusalCode: code);
}
