namespace Dibao.Verification.Host.Batches;

/// <param name="Request">Null when the file cannot be read as a batch at all (empty, a column missing, a quote never
/// closed), with <paramref name="Problems"/> saying why; otherwise the batch, carrying what reading found to the checks.</param>
public sealed record CsvReadResult(BatchRequest? Request, IReadOnlyList<SubmissionProblem> Problems);
