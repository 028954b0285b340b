using Dibao.Verification.Host.Batches;

namespace Dibao.Verification.Host.Confirmation;

/// <param name="Problems">For a correction refused by the submission checks: every bad field, named as at submission.</param>
public sealed record CaseCommandResult(CaseCommandStatus Status, string? Problem = null, IReadOnlyList<SubmissionProblem>? Problems = null)
{
    public static CaseCommandResult Done { get; } = new(CaseCommandStatus.Done);
    public static CaseCommandResult NotFound { get; } = new(CaseCommandStatus.NotFound);

    public static CaseCommandResult Invalid(string problem, IReadOnlyList<SubmissionProblem>? problems = null) => new(CaseCommandStatus.Invalid, problem, problems);

    public static CaseCommandResult Conflict(string problem) => new(CaseCommandStatus.Conflict, problem);
}
