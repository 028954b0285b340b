namespace Dibao.Verification.Host.Batches;

public sealed record BatchSubmissionResult(Guid? BatchId, IReadOnlyList<SubmissionProblem> Problems);
