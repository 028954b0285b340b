namespace Dibao.Verification.Host.Confirmation;

/// <summary>What a decision on a case did, or why it was refused; a refused decision changed nothing.</summary>
public sealed record CaseTransition(string? Refusal, bool Confirmed = false, bool Reverify = false)
{
    public bool Accepted => Refusal is null;

    public static CaseTransition Refused(string refusal) => new(refusal);
}
