namespace Dibao.Verification.Host.Batches;

public sealed record CsvReadResult(BatchRequest? Request, IReadOnlyList<SubmissionProblem> Problems);
