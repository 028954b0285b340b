using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Problems;

namespace Dibao.Verification.Host.Confirmation;

/// <param name="Code">The refusal's <see cref="ProblemCodes"/> code.</param>
/// <param name="Problems">For a correction refused by the submission checks: every bad field, named as at submission.</param>
public sealed record CaseCommandResult(CaseCommandStatus Status, string? Problem = null, IReadOnlyList<SubmissionProblem>? Problems = null, string? Code = null)
{
    public static CaseCommandResult Done { get; } = new(CaseCommandStatus.Done);
    public static CaseCommandResult NotFound { get; } = new(CaseCommandStatus.NotFound, Code: ProblemCodes.NotFound);

    public static CaseCommandResult Invalid(string problem, IReadOnlyList<SubmissionProblem>? problems = null) =>
        new(CaseCommandStatus.Invalid, problem, problems, ProblemCodes.InvalidRequest);

    public static CaseCommandResult Conflict(string code, string problem) => new(CaseCommandStatus.Conflict, problem, Code: code);

    /// <summary>A refused transition: a second signature is forbidden, anything else conflicts with the case's state.</summary>
    public static CaseCommandResult Refused(CaseTransition transition) =>
        transition.RefusalCode == ProblemCodes.SecondSignature
            ? new(CaseCommandStatus.Forbidden, transition.Refusal, Code: transition.RefusalCode)
            : Conflict(transition.RefusalCode ?? ProblemCodes.ActionNotAllowed, transition.Refusal!);
}
